// Import boundaries of shared/ARCHITECTURE.md, checked by `npm run lint` (so `npm test` fails on
// a layer crossing or a cycle). Arrows: core <- {ml, analytics, ingest}; {core, ml, analytics,
// ingest, store port} <- service <- {api, cli}; store port <- {store/sqlite, store/postgres},
// which also read the one migration list (store/migrations).
// Tests (*.test.ts, test/, bench/, the store contract suite) may import anything.

/** Code that is not shipped: free to reach any layer. */
const NOT_SHIPPED = ['\\.test\\.tsx?$', '^test/', '^bench/', '^src/store/contract/'];

/** The store port: interfaces, records and errors (every src/store file outside a dialect). */
const STORE_PORT = '^src/store/[^/]+$';
const CONCRETE_STORE = '^src/store/(sqlite|postgres|sql)/';
/** The store written once for both dialects: statements, row types and mappings. */
const SQL_CORE = '^src/store/sql/';
/** The one migration list, each migration with its SQL for both dialects. */
const MIGRATIONS = '^src/store/migrations/';

/** A rule on shipped code in `from` importing anything under `to` but `allowed`. */
function layer(name, comment, from, allowed) {
  return {
    name,
    comment,
    severity: 'error',
    from: { path: from, pathNot: NOT_SHIPPED },
    to: { path: '^(src|web)/', pathNot: [from, ...allowed] },
  };
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Modules import each other in one direction only (type-only imports count too).',
      severity: 'error',
      from: { pathNot: NOT_SHIPPED },
      to: { circular: true },
    },
    layer('core-is-innermost', 'core imports nothing of the application.', '^src/core/', []),
    {
      name: 'core-has-no-io',
      comment: 'core is pure: no Node built-in module (fs, net, ...) and no database driver.',
      severity: 'error',
      from: { path: '^src/core/', pathNot: NOT_SHIPPED },
      to: {
        dependencyTypesNot: ['type-only'],
        path: ['^node_modules/(pg|pg-[^/]+|better-sqlite3|undici)/'],
      },
    },
    {
      name: 'core-has-no-node-builtins',
      comment: 'core is pure: no Node built-in module (fs, net, http, child_process, ...).',
      severity: 'error',
      from: { path: '^src/core/', pathNot: NOT_SHIPPED },
      to: { dependencyTypes: ['core'] },
    },
    layer('ml-on-core', 'ml builds on core only.', '^src/ml/', ['^src/core/']),
    layer(
      'analytics-on-core',
      'analytics builds on core (and ml, see the exception).',
      '^src/analytics/',
      [
        '^src/core/',
        // EXCEPTION analytics-uses-ml: suggested points fit ml's logistic regression over ml's
        // datasets, encodings, targets, holdouts and metrics (20 imports in 11 files). The arrow
        // ml <- analytics belongs in ARCHITECTURE.md; removing the exception means moving the
        // dataset reader and metrics below both (e.g. into a shared pure `data/` layer).
        '^src/ml/',
      ],
    ),
    layer('ingest-on-core', 'ingest builds on core only.', '^src/ingest/', ['^src/core/']),
    layer(
      'store-port-on-core',
      'The store port (interfaces, records, errors) builds on core only: its records use the model vocabulary.',
      STORE_PORT,
      ['^src/core/'],
    ),
    layer(
      'migrations-on-port',
      'The migration list is data of the Migration type (src/store/migration.ts).',
      MIGRATIONS,
      [STORE_PORT],
    ),
    layer(
      'sql-core-on-port',
      'The dialect-free store implements the port once; drivers and dialects live beside it.',
      SQL_CORE,
      [STORE_PORT, '^src/core/'],
    ),
    layer(
      'sqlite-on-port',
      'The SQLite store implements the port and runs the shared migrations.',
      '^src/store/sqlite/',
      [STORE_PORT, MIGRATIONS, SQL_CORE, '^src/core/'],
    ),
    layer(
      'postgres-on-port',
      'The PostgreSQL store implements the port and runs the shared migrations.',
      '^src/store/postgres/',
      [STORE_PORT, MIGRATIONS, SQL_CORE, '^src/core/'],
    ),
    layer(
      'service-below-interfaces',
      'service combines the pure layers and the store port.',
      '^src/service/',
      ['^src/core/', '^src/ml/', '^src/analytics/', '^src/ingest/', STORE_PORT],
    ),
    layer(
      'api-on-service',
      'The HTTP API calls services (and the pure layers), never a store.',
      '^src/api/',
      [
        '^src/service/',
        '^src/core/',
        '^src/ml/',
        '^src/analytics/',
        '^src/ingest/',
        STORE_PORT, // restricted to types by api-uses-store-types-only
        '^src/config\\.ts$', // restricted to types by config-read-by-entry-points
        CONCRETE_STORE, // restricted to open-store.ts by one-store-opener
      ],
    ),
    layer(
      'cli-on-service',
      'Commands call services (and the pure layers), never a store.',
      '^src/cli/',
      [
        '^src/service/',
        '^src/core/',
        '^src/ml/',
        '^src/analytics/',
        '^src/ingest/',
        STORE_PORT, // restricted to types by cli-uses-store-types-only
        '^src/config\\.ts$',
        // `serve` starts the HTTP app; other commands open the store through the one opener.
        '^src/api/(server|open-store|startup-error)\\.ts$',
      ],
    ),
    layer('library-exports', 'The library exports the engine and services.', '^src/index\\.ts$', [
      '^src/core/',
      '^src/service/',
    ]),
    {
      name: 'api-uses-store-types-only',
      comment:
        'Routes call services, not the store: api names store types (the Store it is given) but imports no store value.',
      severity: 'error',
      from: { path: '^src/api/', pathNot: [...NOT_SHIPPED, '^src/api/open-store\\.ts$'] },
      to: {
        path: STORE_PORT,
        dependencyTypesNot: ['type-only'],
        // EXCEPTION api-store-records: response schemas reuse the store's record schemas and
        // enums, and errors.ts maps StoreError to HTTP codes. These files hold data shapes and
        // errors, no store operation. Removing it means moving the record vocabulary out of
        // src/store into a pure shared module.
        pathNot: ['^src/store/(records|[a-z-]+-records|lead-list|errors)\\.ts$'],
      },
    },
    {
      name: 'cli-uses-store-types-only',
      comment: 'Commands reach the store through services; they may name its types.',
      severity: 'error',
      from: { path: '^src/cli/', pathNot: NOT_SHIPPED },
      to: { path: STORE_PORT, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'one-store-opener',
      comment: 'Only src/api/open-store.ts opens a concrete store (from config).',
      severity: 'error',
      from: {
        pathNot: [...NOT_SHIPPED, CONCRETE_STORE, '^src/api/open-store\\.ts$'],
      },
      to: { path: CONCRETE_STORE },
    },
    {
      name: 'config-read-by-entry-points',
      comment: 'Only the commands (entry points) read config; others may name its types.',
      severity: 'error',
      from: { pathNot: [...NOT_SHIPPED, '^src/cli/', '^src/config\\.ts$'] },
      to: { path: '^src/config\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'web-imports-response-types-only',
      comment:
        "The dashboard talks only HTTP: it imports types of the API's response schemas and the model schema, nothing else of the server.",
      severity: 'error',
      from: { path: '^web/', pathNot: NOT_SHIPPED },
      to: {
        path: '^src/',
        pathNot: ['^src/api/schemas/[^/]+\\.ts$', '^src/core/model-schema\\.ts$'],
      },
    },
    {
      name: 'web-imports-types-only',
      comment: 'A value import would pull server code into the browser bundle.',
      severity: 'error',
      from: { path: '^web/', pathNot: NOT_SHIPPED },
      to: { path: '^src/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'server-never-imports-web-or-tests',
      comment: 'Shipped server code does not depend on the dashboard, tests or benchmarks.',
      severity: 'error',
      from: { path: '^src/', pathNot: NOT_SHIPPED },
      to: { path: ['^web/', '^test/', '^bench/', '^src/store/contract/', '\\.test\\.tsx?$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '^node_modules/'] },
    // Type-only imports are dependencies too (labelled `type-only`), so rules can allow them.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
