// Loads a model artifact from JSON text: schema errors name the field, and the parts that must
// agree (coefficients and features, tree columns and the encoding) are checked.
import type { z } from 'zod';
import { artifactSchema, type Artifact } from './artifact-schema.js';
import { featureNames } from './design-matrix.js';
import { MlError } from './errors.js';

function pathOf(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    out += typeof key === 'number' ? `[${key}]` : `${out === '' ? '' : '.'}${String(key)}`;
  }
  return out === '' ? '(artifact)' : out;
}

function fail(source: string, problems: string[]): never {
  throw new MlError(
    'invalid_artifact',
    `${source}: not a valid leadscore model artifact\n${problems.map((p) => `  ${p}`).join('\n')}`,
  );
}

function consistency(artifact: Artifact): string[] {
  const problems: string[] = [];
  const columns = artifact.encoding.columns;
  const model = artifact.model;
  if (model.kind === 'lr') {
    const features = featureNames(artifact.encoding).length;
    for (const key of ['coefficients', 'means'] as const) {
      if (model[key].length !== features) {
        problems.push(
          `model.${key}: expected ${features} entries (one per feature), got ${model[key].length}`,
        );
      }
    }
    return problems;
  }
  model.trees.forEach((tree, t) =>
    tree.forEach((node, k) => {
      if (!('column' in node)) return;
      const where = `model.trees[${t}][${k}]`;
      const column = columns[node.column];
      if (column === undefined) problems.push(`${where}.column: no encoded column ${node.column}`);
      else if ('categories' in node !== (column.type === 'categorical')) {
        problems.push(
          `${where}: a ${'categories' in node ? 'categorical' : 'numeric'} split on ${column.type} column "${column.name}"`,
        );
      }
      for (const child of ['left', 'right'] as const) {
        if (node[child] <= k || node[child] >= tree.length) {
          problems.push(
            `${where}.${child}: expected a later node of this tree, got ${node[child]}`,
          );
        }
      }
    }),
  );
  return problems;
}

export function parseArtifact(text: string, source: string): Artifact {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    fail(source, [`not JSON: ${(error as Error).message}`]);
  }
  const parsed = artifactSchema.safeParse(json);
  if (!parsed.success) {
    fail(
      source,
      parsed.error.issues
        .slice(0, 10)
        .map((i: z.core.$ZodIssue) => `${pathOf(i.path)}: ${i.message}`),
    );
  }
  const problems = consistency(parsed.data);
  if (problems.length > 0) fail(source, problems.slice(0, 10));
  return parsed.data;
}

export function serializeArtifact(artifact: Artifact): string {
  return `${JSON.stringify(artifact)}\n`;
}
