// Lint configuration: typescript-eslint's recommended rules over src, test, bench and the
// dashboard in web/ (browser globals, TSX).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/_*', 'test-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: globals.node } },
  {
    files: ['web/**/*.{ts,tsx}'],
    ignores: ['web/vite.config.ts'],
    languageOptions: { globals: globals.browser },
  },
  {
    // config.ts is the one place that reads the environment (the rest is given its values).
    files: ['src/**/*.ts'],
    ignores: ['src/config.ts', 'src/**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read settings from src/config.ts.' },
      ],
    },
  },
  {
    // Routes call services, not the store: a route hands `deps.store` to a service function
    // rather than calling its methods. The import side is in .dependency-cruiser.cjs.
    files: ['src/api/routes/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression > MemberExpression.callee[object.property.name='store']",
          message: 'Routes call services, not the store: move this call into src/service.',
        },
        {
          selector: "CallExpression > MemberExpression.callee[object.name='store']",
          message: 'Routes call services, not the store: move this call into src/service.',
        },
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
);
