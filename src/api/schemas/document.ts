// The finishing touches on the generated OpenAPI document: the shared schemas as components
// (every zod schema registered with an `id` via `.meta({ id })`), only the ones it uses, and
// nullable enums that really admit null, and how each operation authenticates (security.ts).
import type { SwaggerTransformObject } from '@fastify/swagger';
import { jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { documentSecurity } from './security.js';

const PREFIX = '#/components/schemas/';

/**
 * OpenAPI 3.0 reads `nullable: true` as adding null to the type, not to an `enum`, which must
 * list null itself (validators such as ajv refuse null otherwise); zod's output omits it.
 */
function admitNullInEnums(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(admitNullInEnums);
  if (typeof node !== 'object' || node === null) return;
  const schema = node as { nullable?: unknown; enum?: unknown };
  // A new array: the old one may be zod's own.
  if (schema.nullable === true && Array.isArray(schema.enum) && !schema.enum.includes(null))
    schema.enum = [...(schema.enum as unknown[]), null];
  Object.values(node).forEach(admitNullInEnums);
}

/** Components nothing refers to, until none is left. */
function dropUnused(doc: unknown, schemas: Record<string, unknown>): void {
  for (;;) {
    const text = JSON.stringify(doc);
    const unused = Object.keys(schemas).filter((id) => !text.includes(`"${PREFIX}${id}"`));
    if (unused.length === 0) return;
    for (const id of unused) delete schemas[id];
  }
}

/**
 * The type provider adds each registered schema twice (as read, `XInput`, and as written, `X`)
 * from a process-wide registry: the document keeps the ones its routes use.
 */
export const finishDocument: SwaggerTransformObject = (document) => {
  // A fresh object the transform built: safe to change in place.
  const doc = jsonSchemaTransformObject(document);
  const schemas = 'components' in doc ? doc.components?.schemas : undefined;
  if (schemas) dropUnused(doc, schemas);
  admitNullInEnums(doc);
  if ('paths' in doc && doc.paths)
    documentSecurity(doc.paths as Parameters<typeof documentSecurity>[0]);
  return doc;
};
