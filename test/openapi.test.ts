// The OpenAPI document at /openapi.json: a well-formed OpenAPI 3 document in which every route
// documents its success and error responses, and real answers validate against those schemas.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { parseModel } from '../src/core/parse-model.js';
import { createWorkspaceWithKeys } from '../src/service/keys.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import type { Store } from '../src/store/port.js';
import { freshStores } from './fresh-stores.js';
import { ROOT } from './run-cli.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const b2bYaml = readFileSync(join(ROOT, 'examples/models/b2b.yaml'), 'utf8');
const seedYaml = readFileSync(join(ROOT, 'examples/models/seed.yaml'), 'utf8');
const at = (daysAgo: number) => new Date(NOW - daysAgo * 86_400_000).toISOString();

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  required?: string[];
}
interface Response {
  description: string;
  content?: Record<string, { schema: Schema }>;
}
interface Operation {
  responses: Record<string, Response>;
}
interface Document {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const CALLS = ['identify', 'track', 'page', 'group', 'alias'] as const;
const LEAD_KEYS = [
  'id',
  'traits',
  'company',
  'score',
  'fit',
  'engagement',
  'grade',
  'segment',
  'stage',
  'categories',
  'contributions',
  'modelVersion',
];
const INGEST_ERRORS = ['400', '401', '409', '413', '429'];
const BY_ID_ERRORS = ['400', '401', '403', '404'];
const BODY_ERRORS = ['413', '415'];
const DIGEST_KEYS = ['channelIds', 'hour', 'timeZone', 'waitingHours', 'updatedAt'];

const WEBHOOK_KEYS = ['id', 'url', 'eventTypes', 'enabled', 'disabledReason', 'createdAt'];
const DELIVERY_KEYS = ['id', 'messageId', 'type', 'leadId', 'status', 'attemptCount'];
const WEBHOOK_ROUTES: [string, string, string, string[], string[]][] = [
  [
    'post',
    '/v1/webhooks',
    '201',
    [...WEBHOOK_KEYS, 'secret'],
    ['400', '401', '403', ...BODY_ERRORS],
  ],
  ['get', '/v1/webhooks', '200', ['items'], ['400', '401', '403']],
  ['get', '/v1/webhooks/{id}', '200', WEBHOOK_KEYS, BY_ID_ERRORS],
  ['patch', '/v1/webhooks/{id}', '200', WEBHOOK_KEYS, [...BY_ID_ERRORS, ...BODY_ERRORS]],
  ['delete', '/v1/webhooks/{id}', '200', ['id', 'deleted'], BY_ID_ERRORS],
  ['get', '/v1/webhooks/{id}/deliveries', '200', ['items', 'next'], BY_ID_ERRORS],
  [
    'get',
    '/v1/webhooks/{id}/deliveries/{deliveryId}',
    '200',
    [...DELIVERY_KEYS, 'data', 'attempts'],
    BY_ID_ERRORS,
  ],
  [
    'post',
    '/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver',
    '202',
    DELIVERY_KEYS,
    [...BY_ID_ERRORS, ...BODY_ERRORS, '409'],
  ],
  [
    'post',
    '/v1/webhooks/{id}/redeliver-failed',
    '202',
    ['redelivered'],
    [...BY_ID_ERRORS, ...BODY_ERRORS],
  ],
  ['get', '/v1/digest', '200', DIGEST_KEYS, ['400', '401', '403']],
  ['put', '/v1/digest', '200', DIGEST_KEYS, ['400', '401', '403', ...BODY_ERRORS]],
];

const CHANNEL_KEYS = ['id', 'kind', 'name', 'config', 'secretsSet', 'sync', 'enabled', 'createdBy'];
const CHANNEL_ROUTES: [string, string, string, string[], string[]][] = [
  ['post', '/v1/channels', '201', CHANNEL_KEYS, ['400', '401', '403', '409', ...BODY_ERRORS]],
  ['get', '/v1/channels', '200', ['items'], ['400', '401', '403']],
  ['get', '/v1/channels/{id}', '200', CHANNEL_KEYS, BY_ID_ERRORS],
  ['patch', '/v1/channels/{id}', '200', CHANNEL_KEYS, [...BY_ID_ERRORS, '409', ...BODY_ERRORS]],
  ['delete', '/v1/channels/{id}', '200', ['id', 'deleted'], BY_ID_ERRORS],
  [
    'post',
    '/v1/channels/{id}/test',
    '200',
    ['ok', 'statusCode', 'error', 'latencyMs'],
    [...BY_ID_ERRORS, ...BODY_ERRORS],
  ],
  ['get', '/v1/channels/{id}/deliveries', '200', ['items', 'next'], BY_ID_ERRORS],
  [
    'get',
    '/v1/channels/{id}/deliveries/{deliveryId}',
    '200',
    ['id', 'status', 'attempts', 'data'],
    BY_ID_ERRORS,
  ],
  [
    'post',
    '/v1/channels/{id}/deliveries/{deliveryId}/redeliver',
    '202',
    ['id', 'status'],
    [...BY_ID_ERRORS, '409', ...BODY_ERRORS],
  ],
  [
    'post',
    '/v1/channels/{id}/redeliver-failed',
    '202',
    ['redelivered'],
    [...BY_ID_ERRORS, ...BODY_ERRORS],
  ],
  ['post', '/v1/channels/{id}/backfill', '202', ['jobId', 'job'], BY_ID_ERRORS],
];

const LIFECYCLE_KEYS = ['leadId', 'stage', 'since', 'handover', 'moves'];
const MOVE_ERRORS = [...BY_ID_ERRORS, ...BODY_ERRORS, '409'];
const LIFECYCLE_ROUTES: [string, string, string, string[], string[]][] = [
  ['get', '/v1/leads/{id}/lifecycle', '200', LIFECYCLE_KEYS, BY_ID_ERRORS],
  ['post', '/v1/leads/{id}/feedback', '200', LIFECYCLE_KEYS, MOVE_ERRORS],
  ['post', '/v1/leads/{id}/outcome', '200', LIFECYCLE_KEYS, MOVE_ERRORS],
  ['post', '/v1/leads/{id}/lifecycle', '200', LIFECYCLE_KEYS, MOVE_ERRORS],
  ['post', '/v1/leads/{id}/lifecycle/reset', '200', LIFECYCLE_KEYS, MOVE_ERRORS],
  ['get', '/v1/reports/handover', '200', ['from', 'to', 'segments'], ['400', '401', '403']],
];
const ADJUSTMENT_KEYS = ['id', 'points', 'reason', 'author', 'createdAt', 'expiresAt'];
const ADJUSTMENT_ROUTES: [string, string, string, string[], string[]][] = [
  ['get', '/v1/leads/{id}/adjustments', '200', ['adjustments'], BY_ID_ERRORS],
  ['post', '/v1/leads/{id}/adjustments', '201', ADJUSTMENT_KEYS, [...BY_ID_ERRORS, ...BODY_ERRORS]],
  ['delete', '/v1/leads/{id}/adjustments/{adjustmentId}', '200', ADJUSTMENT_KEYS, BY_ID_ERRORS],
];

const DASHBOARD_ROUTES: [string, string, string, string[], string[]][] = [
  ['get', '/v1/leads/{id}/events', '200', ['items', 'next'], BY_ID_ERRORS],
  [
    'get',
    '/v1/reports/distribution',
    '200',
    ['total', 'scored', 'min', 'max', 'bins', 'segments', 'grades', 'stages', 'thresholds'],
    ['400', '401', '403'],
  ],
  [
    'get',
    '/v1/reports/funnel',
    '200',
    ['leads', 'converted', 'stages', 'segments'],
    ['400', '401', '403'],
  ],
  ['get', '/v1/transitions', '200', ['items', 'next'], ['400', '401', '403']],
  ['get', '/v1/keys', '200', ['items'], ['400', '401', '403']],
  [
    'post',
    '/v1/keys',
    '201',
    ['id', 'kind', 'role', 'name', 'key'],
    ['400', '401', '403', ...BODY_ERRORS],
  ],
  ['delete', '/v1/keys/{id}', '200', ['id', 'revokedAt'], [...BY_ID_ERRORS, '409']],
  ['get', '/v1/jobs', '200', ['items'], ['400', '401', '403']],
];

const SESSION_KEYS = ['user', 'workspaces', 'csrfToken'];
const USER_KEYS = ['id', 'email', 'role', 'disabled', 'createdAt', 'lastSignInAt'];
const TEAM_ROUTES: [string, string, string, string[], string[]][] = [
  ['post', '/v1/auth/login', '200', SESSION_KEYS, ['400', '401', ...BODY_ERRORS, '429']],
  ['post', '/v1/auth/link', '200', SESSION_KEYS, ['400', '403', ...BODY_ERRORS]],
  ['get', '/v1/auth/me', '200', SESSION_KEYS, ['401']],
  ['post', '/v1/auth/logout', '200', ['signedOut'], ['401', '403']],
  ['get', '/v1/users', '200', ['items'], ['400', '401', '403']],
  ['post', '/v1/users', '201', ['user', 'link'], ['400', '401', '403', ...BODY_ERRORS, '409']],
  ['patch', '/v1/users/{id}', '200', USER_KEYS, [...BY_ID_ERRORS, ...BODY_ERRORS, '409']],
  ['delete', '/v1/users/{id}', '200', USER_KEYS, [...BY_ID_ERRORS, '409']],
];

const JOB_ERRORS = ['400', '401', '403', ...BODY_ERRORS];
const INTELLIGENCE_ROUTES: [string, string, string, string[], string[]][] = [
  ['post', '/v1/models/backtest', '202', ['jobId', 'job'], [...JOB_ERRORS, '404', '422']],
  ['post', '/v1/analytics', '202', ['jobId', 'job'], JOB_ERRORS],
  ['post', '/v1/suggest', '202', ['jobId', 'job'], JOB_ERRORS],
  ['post', '/v1/predictive/train', '202', ['jobId', 'job'], JOB_ERRORS],
  ['get', '/v1/predictive/models', '200', ['active', 'items'], ['400', '401', '403']],
  [
    'get',
    '/v1/predictive/models/{version}',
    '200',
    ['version', 'kind', 'metrics', 'readiness', 'report', 'bands'],
    BY_ID_ERRORS,
  ],
  ['post', '/v1/predictive/models/{version}/activate', '200', ['active'], [...BY_ID_ERRORS, '409']],
  ['post', '/v1/predictive/deactivate', '200', ['active'], ['400', '401', '403']],
  [
    'get',
    '/v1/predictive/drift',
    '200',
    ['version', 'threshold', 'baseline', 'reason', 'leads', 'probability', 'features'],
    BY_ID_ERRORS,
  ],
  [
    'get',
    '/v1/predictive/schedule',
    '200',
    ['everyDays', 'rule', 'updatedAt'],
    ['400', '401', '403'],
  ],
  [
    'put',
    '/v1/predictive/schedule',
    '200',
    ['everyDays', 'rule', 'updatedAt'],
    ['400', '401', '403', '415'],
  ],
  ['get', '/v1/predictive/retraining', '200', ['items'], ['400', '401', '403']],
];

const UPLOAD_ERRORS = ['400', '401', '403', '413', '415'];
const IMPORT_ROUTES: [string, string, string, string[], string[]][] = [
  ['post', '/v1/imports', '202', ['jobId', 'job'], UPLOAD_ERRORS],
  [
    'post',
    '/v1/imports/preview',
    '200',
    ['kind', 'file', 'format', 'columns', 'rows'],
    UPLOAD_ERRORS,
  ],
];

/** Every documented route: its success status, the keys of that answer, its error statuses. */
const ROUTES: [method: string, path: string, status: string, keys: string[], errors: string[]][] = [
  ['get', '/health', '200', ['status', 'store', 'time'], []],
  ['get', '/v1/auth/providers', '200', ['password', 'oidc'], []],
  ...CALLS.map((call): (typeof ROUTES)[number] => [
    'post',
    `/v1/${call}`,
    '200',
    ['success', 'messageId', 'status'],
    INGEST_ERRORS,
  ]),
  ...CALLS.map((call): (typeof ROUTES)[number] => [
    'post',
    `/v1/${call.charAt(0)}`,
    '200',
    ['success', 'messageId', 'status'],
    INGEST_ERRORS,
  ]),
  ['post', '/v1/batch', '200', ['success', 'stored', 'duplicates', 'rejected'], INGEST_ERRORS],
  ['post', '/v1/b', '200', ['success', 'stored', 'duplicates', 'rejected'], INGEST_ERRORS],
  ['get', '/v1/leads', '200', ['items', 'next'], ['400', '401', '403']],
  ['get', '/v1/accounts', '200', ['items', 'next'], ['400', '401', '403']],
  ['get', '/v1/accounts/{id}', '200', ['id', 'score', 'contributions', 'aggregate'], BY_ID_ERRORS],
  ['get', '/v1/leads/{id}', '200', LEAD_KEYS, BY_ID_ERRORS],
  ['patch', '/v1/leads/{id}', '200', LEAD_KEYS, [...BY_ID_ERRORS, ...BODY_ERRORS]],
  ['delete', '/v1/leads/{id}', '200', ['id', 'removed', 'suppressed'], BY_ID_ERRORS],
  ['get', '/v1/suppressions', '200', ['items', 'next'], ['400', '401', '403']],
  ['get', '/v1/audit', '200', ['items', 'next'], ['400', '401', '403']],
  [
    'delete',
    '/v1/suppressions/{id}',
    '200',
    ['id', 'kind', 'createdAt', 'refusedCount', 'lastRefusedAt'],
    BY_ID_ERRORS,
  ],
  ['get', '/v1/leads/{id}/history', '200', ['items'], BY_ID_ERRORS],
  ['post', '/v1/models', '201', ['version', 'name'], ['400', '401', '403', ...BODY_ERRORS, '422']],
  ['get', '/v1/models', '200', ['active', 'items'], ['400', '401', '403']],
  ['get', '/v1/models/{version}', '200', ['version', 'spec', 'createdAt', 'active'], BY_ID_ERRORS],
  ['get', '/v1/models/{version}/diff', '200', ['version', 'against', 'changes'], BY_ID_ERRORS],
  [
    'post',
    '/v1/models/{version}/activate',
    '202',
    ['jobId', 'job'],
    [...BY_ID_ERRORS, ...BODY_ERRORS],
  ],
  ['get', '/v1/jobs/{id}', '200', ['id', 'kind', 'status', 'progress', 'total'], BY_ID_ERRORS],
  [
    'get',
    '/v1/catalog',
    '200',
    ['asOf', 'traits', 'companyTraits', 'events'],
    ['400', '401', '403'],
  ],
  ['post', '/v1/catalog/refresh', '202', ['jobId', 'job'], ['400', '401', '403']],
  ...WEBHOOK_ROUTES,
  ...CHANNEL_ROUTES,
  ...LIFECYCLE_ROUTES,
  ...ADJUSTMENT_ROUTES,
  ...DASHBOARD_ROUTES,
  ...INTELLIGENCE_ROUTES,
  ...IMPORT_ROUTES,
  ...TEAM_ROUTES,
];

/**
 * The exports and the import rejects: their success is a file (CSV or NDJSON), their errors the
 * coded JSON shape.
 */
const EXPORT_ROUTES: [method: string, path: string, errors: string[]][] = [
  ['get', '/v1/leads/export', ['400', '401', '403']],
  ['get', '/v1/accounts/export', ['400', '401', '403']],
  ['get', '/v1/imports/{id}/rejects', BY_ID_ERRORS],
];
const isExport = (method: string, path: string) =>
  EXPORT_ROUTES.some(([m, p]) => m === method && p === path);

async function documentOf(app: FastifyInstance): Promise<Document> {
  const res = await app.inject({ method: 'GET', url: '/openapi.json' });
  expect(res.statusCode).toBe(200);
  return res.json<Document>();
}

function resolve(doc: Document, schema: Schema): Schema {
  if (schema.$ref === undefined) return schema;
  const id = schema.$ref.replace('#/components/schemas/', '');
  const found = doc.components.schemas[id];
  if (!found) throw new Error(`unresolved ${schema.$ref}`);
  return found;
}

function jsonSchemaOf(doc: Document, method: string, path: string, status: string): Schema {
  const response = doc.paths[path]?.[method]?.responses[status];
  if (!response) throw new Error(`${method.toUpperCase()} ${path} documents no ${status}`);
  const schema = response.content?.['application/json']?.schema;
  if (!schema) throw new Error(`${method.toUpperCase()} ${path} ${status} has no JSON schema`);
  return schema;
}

/**
 * OpenAPI 3.0 schemas write exclusive bounds as draft 4 did (`minimum: 0, exclusiveMinimum:
 * true`); ajv reads draft 7 (`exclusiveMinimum: 0`). The rest, `nullable` included, it reads.
 */
function toDraft7(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toDraft7);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = toDraft7(value);
  for (const [exclusive, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (out[exclusive] === true) out[exclusive] = out[bound];
    if (typeof out[exclusive] === 'number') delete out[bound];
    else delete out[exclusive];
  }
  return out;
}

/** Validates real answers against the document's schemas, resolving its component refs. */
function responseValidator(doc: Document) {
  const ajv = new Ajv({ allErrors: true });
  // Date-times carry zod's pattern too; the format itself is checked by parsing.
  ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
  ajv.addVocabulary(['components']);
  const compiled = new Map<string, ValidateFunction>();
  return (res: LightMyRequestResponse, method: string, path: string): void => {
    const status = String(res.statusCode);
    const key = `${method} ${path} ${status}`;
    let validate = compiled.get(key);
    if (!validate) {
      const schema = jsonSchemaOf(doc, method, path, status);
      validate = ajv.compile(toDraft7({ ...schema, components: doc.components }) as object);
      compiled.set(key, validate);
    }
    const body: unknown = res.json();
    expect(validate(body), `${key}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  };
}

describe('the OpenAPI document', () => {
  const sqlite = freshStores().find((kind) => kind.name === 'sqlite');
  let doc: Document;
  beforeAll(async () => {
    if (!sqlite) throw new Error('no SQLite store kind');
    const store = await sqlite.open();
    doc = await documentOf(await buildApp({ store, models: new ActiveModels(), clock: () => NOW }));
  });

  it('is an OpenAPI 3 document whose every operation describes its JSON responses', () => {
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info).toMatchObject({ title: 'leadscore', version: expect.any(String) });
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method} ${path}`),
    );
    expect(documented.sort()).toEqual(
      [...ROUTES, ...EXPORT_ROUTES].map(([method, path]) => `${method} ${path}`).sort(),
    );
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ method, path, operation })),
    );
    for (const { method, path, operation } of operations) {
      const responses = Object.entries(operation.responses);
      expect(responses.length).toBeGreaterThan(1);
      for (const [status, response] of responses) {
        expect(status).toMatch(/^[1-5]\d\d$/);
        expect(response.description.length).toBeGreaterThan(0);
        const media = isExport(method, path) && status === '200' ? 'text/csv' : 'application/json';
        expect(response.content?.[media]?.schema).toBeTypeOf('object');
      }
    }
    // Every reference resolves, and every component is referenced.
    const text = JSON.stringify(doc);
    const refs = new Set([...text.matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]));
    const components = Object.keys(doc.components.schemas).map(
      (id) => `#/components/schemas/${id}`,
    );
    expect([...refs].sort()).toEqual(components.sort());
  });

  it('says how each operation authenticates, and where a user names the workspace', () => {
    const raw = doc as unknown as {
      components: { securitySchemes: Record<string, { in?: string; name?: string }> };
      paths: Record<
        string,
        Record<string, { security?: unknown; parameters?: { name: string }[] }>
      >;
    };
    expect(raw.components.securitySchemes.sessionCookie).toMatchObject({
      in: 'cookie',
      name: 'leadscore_session',
    });
    expect(raw.components.securitySchemes.csrfToken).toMatchObject({
      in: 'header',
      name: 'X-CSRF-Token',
    });
    const op = (method: string, path: string) => raw.paths[path]![method]!;
    expect(op('get', '/v1/leads').security).toEqual([{ sessionCookie: [] }, { apiKey: [] }]);
    expect(op('post', '/v1/models').security).toEqual([
      { sessionCookie: [], csrfToken: [] },
      { apiKey: [] },
    ]);
    expect(op('get', '/v1/leads').parameters?.map((p) => p.name)).toContain(
      'X-Leadscore-Workspace',
    );
    expect(op('post', '/v1/track').security).toEqual([{ writeKey: [] }, { apiKey: [] }]);
    expect(op('post', '/v1/auth/login').security).toEqual([]);
    expect(op('get', '/v1/auth/me').security).toEqual([{ sessionCookie: [] }]);
  });

  it.each(ROUTES)('documents %s %s %s with its key properties', (method, path, status, keys) => {
    const schema = resolve(doc, jsonSchemaOf(doc, method, path, status));
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties ?? {})).toEqual(expect.arrayContaining(keys));
    expect(schema.required).toEqual(expect.arrayContaining(keys));
  });

  it('documents the list entries and the batch rejections', () => {
    const page = jsonSchemaOf(doc, 'get', '/v1/leads', '200');
    expect(Object.keys(page.properties?.items?.items?.properties ?? {})).toEqual(
      expect.arrayContaining(['id', 'name', 'email', 'score', 'grade', 'segment', 'stage']),
    );
    const batch = jsonSchemaOf(doc, 'post', '/v1/batch', '200');
    expect(Object.keys(batch.properties?.rejected?.items?.properties ?? {})).toEqual([
      'index',
      'messageId',
      'field',
      'reason',
    ]);
  });

  it.each(ROUTES)(
    '%s %s answers its errors in the coded error shape',
    (method, path, status, _k, errors) => {
      const responses = Object.keys(doc.paths[path]?.[method]?.responses ?? {});
      // 500 too: any route may fail inside.
      expect(responses.sort()).toEqual([status, ...errors, '500'].sort());
      for (const error of [...errors, '500']) {
        expect(jsonSchemaOf(doc, method, path, error)).toEqual({
          $ref: '#/components/schemas/ApiError',
        });
      }
    },
  );

  it.each(EXPORT_ROUTES)('documents %s %s as a CSV or NDJSON file', (method, path, errors) => {
    const responses = doc.paths[path]?.[method]?.responses ?? {};
    expect(Object.keys(responses).sort()).toEqual(['200', ...errors, '500'].sort());
    expect(Object.keys(responses['200']?.content ?? {})).toEqual([
      'text/csv',
      'application/x-ndjson',
    ]);
    for (const error of [...errors, '500'])
      expect(jsonSchemaOf(doc, method, path, error)).toEqual({
        $ref: '#/components/schemas/ApiError',
      });
  });

  it('describes the error shape once, as a component', () => {
    const error = doc.components.schemas.ApiError?.properties?.error;
    expect(Object.keys(error?.properties ?? {})).toEqual([
      'code',
      'message',
      'details',
      'requestId',
    ]);
    expect(error?.required).toEqual(['code', 'message', 'requestId']);
  });
});

/** A workspace with its keys as request headers, and the model active when one is given. */
async function workspace(store: Store, name: string, modelYaml?: string) {
  const made = await createWorkspaceWithKeys(store, name, NOW);
  if (modelYaml !== undefined) {
    const version = await store.addModel(
      made.workspace.id,
      parseModel(modelYaml) as unknown as Record<string, unknown>,
      NOW,
    );
    await store.activateModel(made.workspace.id, version, NOW);
  }
  return {
    write: { authorization: `Basic ${Buffer.from(`${made.write.secret}:`).toString('base64')}` },
    admin: { authorization: `Bearer ${made.admin.secret}` },
    writeAsBearer: { authorization: `Bearer ${made.write.secret}` },
  };
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

describe.each(freshStores())('real answers on $name', ({ open }) => {
  it('validate against the documented schemas, errors included', async () => {
    const store = await open();
    const app = await buildApp({ store, models: new ActiveModels(), clock: () => NOW });
    const check = responseValidator(await documentOf(app));
    const a = await workspace(store, 'a', b2bYaml);
    /** Sends, expects the status, and validates the answer against the route's documented one. */
    const send = async (
      status: number,
      [method, url]: [Method, string],
      path: string,
      headers: Record<string, string>,
      payload?: string | object,
    ) => {
      const res = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
      check(res, method.toLowerCase(), path);
      return res;
    };

    await send(200, ['GET', '/health'], '/health', {});
    const calls = {
      identify: { userId: 'u1', traits: { title: 'VP Sales', email: 'u1@example.com' } },
      track: { userId: 'u1', event: 'Email Opened', timestamp: at(2) },
      page: { userId: 'u1', properties: { path: '/pricing' }, timestamp: at(1) },
      group: { userId: 'u1', groupId: 'acme', traits: { name: 'Acme', employees: 800 } },
      alias: { userId: 'u1', previousId: 'anon-1' },
    };
    for (const call of CALLS) {
      const url = `/v1/${call}`;
      const res = await send(200, ['POST', url], url, a.write, { messageId: call, ...calls[call] });
      expect(res.json()).toEqual({ success: true, messageId: call, status: 'stored' });
    }
    const track = ['POST', '/v1/track'] as [Method, string];
    const again = await send(200, track, '/v1/track', a.write, {
      messageId: 'track',
      ...calls.track,
    });
    expect(again.json()).toMatchObject({ status: 'duplicate' });
    const batch = await send(200, ['POST', '/v1/batch'], '/v1/batch', a.write, {
      batch: [
        { type: 'track', messageId: 'track', ...calls.track },
        { type: 'track', messageId: 'bad', userId: 'u2', event: 'E', timestamp: 'never' },
        { type: 'identify', userId: 'u2', traits: { title: 'Engineer' } },
      ],
    });
    expect(batch.json()).toMatchObject({ stored: 1, duplicates: 1, rejected: [{ index: 1 }] });
    await send(400, track, '/v1/track', a.write, { userId: 'u1' });
    const blob = { userId: 'u1', event: 'E', properties: { blob: 'x'.repeat(40_000) } };
    await send(413, track, '/v1/track', a.write, blob);
    await send(401, ['POST', '/v1/batch'], '/v1/batch', {}, { batch: [] });

    const lead = '/v1/leads/{id}';
    const view = await send(200, ['GET', '/v1/leads/u1'], lead, a.admin);
    expect(view.json<{ contributions: unknown[] }>().contributions.length).toBeGreaterThan(0);
    await send(200, ['GET', '/v1/leads?limit=1'], '/v1/leads', a.admin);
    await send(400, ['GET', '/v1/leads?sort=sideways'], '/v1/leads', a.admin);
    await send(404, ['GET', '/v1/leads/nobody'], lead, a.admin);
    await send(403, ['GET', '/v1/leads/u1'], lead, a.writeAsBearer);
    await send(401, ['GET', '/v1/leads/u1'], lead, {});
    const patch = ['PATCH', '/v1/leads/u2'] as [Method, string];
    await send(200, patch, lead, a.admin, { traits: { title: 'CMO' } });
    await send(400, patch, lead, a.admin, { title: 'CMO' });
    await send(415, patch, lead, { ...a.admin, 'content-type': 'application/xml' }, '<traits/>');
    const history = '/v1/leads/{id}/history';
    await send(200, ['GET', '/v1/leads/u1/history'], history, a.admin);
    await send(400, ['GET', '/v1/leads/u1/history?limit=0'], history, a.admin);

    const yaml = { ...a.admin, 'content-type': 'application/yaml' };
    const upload = ['POST', '/v1/models'] as [Method, string];
    await send(422, upload, '/v1/models', yaml, seedYaml.replace('points: 2', 'points: x'));
    const { version } = (await send(201, upload, '/v1/models', yaml, seedYaml)).json<{
      version: number;
    }>();
    await send(200, ['GET', '/v1/models'], '/v1/models', a.admin);
    await send(200, ['GET', `/v1/models/${version}`], '/v1/models/{version}', a.admin);
    await send(400, ['GET', '/v1/models/first'], '/v1/models/{version}', a.admin);
    const diff = '/v1/models/{version}/diff';
    await send(200, ['GET', `/v1/models/${version}/diff?against=${version}`], diff, a.admin);
    await send(404, ['GET', `/v1/models/${version}/diff?against=99`], diff, a.admin);
    await send(400, ['GET', `/v1/models/${version}/diff?against=first`], diff, a.admin);
    const activate = '/v1/models/{version}/activate';
    const started = await send(202, ['POST', `/v1/models/${version}/activate`], activate, a.admin);
    await send(404, ['POST', '/v1/models/99/activate'], activate, a.admin);
    const job = ['GET', `/v1/jobs/${started.json<{ jobId: string }>().jobId}`] as [Method, string];
    for (let i = 0; i < 2000; i++) {
      const res = await send(200, job, '/v1/jobs/{id}', a.admin);
      if (res.json<{ status: string }>().status === 'succeeded') break;
      await new Promise((r) => setTimeout(r, 10));
    }
    await send(404, ['GET', '/v1/jobs/nope'], '/v1/jobs/{id}', a.admin);
    await send(200, ['GET', '/v1/leads/u1'], lead, a.admin);
    await send(200, ['DELETE', '/v1/leads/u1'], lead, a.admin);
    const suppressed = await send(409, track, '/v1/track', a.write, calls.track);
    expect(suppressed.json()).toMatchObject({ error: { code: 'suppressed' } });
    await send(200, ['GET', '/v1/suppressions?limit=1'], '/v1/suppressions', a.admin);
    await send(400, ['GET', '/v1/suppressions?limit=0'], '/v1/suppressions', a.admin);
    const suppression = '/v1/suppressions/{id}';
    await send(200, ['DELETE', '/v1/suppressions/u1'], suppression, a.admin);
    await send(404, ['DELETE', '/v1/suppressions/u1'], suppression, a.admin);
    await send(200, ['GET', '/v1/audit?limit=1'], '/v1/audit', a.admin);
    await send(200, ['GET', '/v1/catalog'], '/v1/catalog', a.admin);
    await send(202, ['POST', '/v1/catalog/refresh'], '/v1/catalog/refresh', a.admin);
    await send(401, ['GET', '/v1/catalog'], '/v1/catalog', {});
    await send(400, ['GET', '/v1/audit?after=nonsense'], '/v1/audit', a.admin);

    // Channels: made, read, tested (without a reachable service: ok false), refused.
    const channels = '/v1/channels';
    const made = await send(201, ['POST', channels], channels, a.admin, {
      // No URL given: no DNS lookup by the private-network guard.
      kind: 'hubspot',
      name: 'CRM',
      config: { accessToken: 'pat-na1-0' },
      sync: {},
    });
    const channel = `${channels}/${made.json<{ id: string }>().id}`;
    await send(409, ['POST', channels], channels, a.admin, {
      kind: 'hubspot',
      name: 'CRM',
      config: { accessToken: 'pat-na1-1' },
    });
    await send(400, ['POST', channels], channels, a.admin, { kind: 'email', name: 'x' });
    await send(200, ['GET', channels], channels, a.admin);
    await send(200, ['GET', channel], `${channels}/{id}`, a.admin);
    await send(404, ['GET', `${channels}/nope`], `${channels}/{id}`, a.admin);
    await send(200, ['PATCH', channel], `${channels}/{id}`, a.admin, { enabled: false });
    await send(200, ['GET', `${channel}/deliveries`], `${channels}/{id}/deliveries`, a.admin);
    const redeliverAll = `${channels}/{id}/redeliver-failed`;
    await send(202, ['POST', `${channel}/redeliver-failed`], redeliverAll, a.admin);
    await send(200, ['DELETE', channel], `${channels}/{id}`, a.admin);

    const events = '/v1/leads/{id}/events';
    await send(200, ['GET', '/v1/leads/u2/events?limit=1'], events, a.admin);
    await send(404, ['GET', '/v1/leads/nobody/events'], events, a.admin);
    await send(200, ['GET', '/v1/leads?owner=ann'], '/v1/leads', a.admin);
    for (const path of ['/v1/leads/export', '/v1/accounts/export']) {
      const file = await app.inject({
        method: 'GET',
        url: `${path}?format=ndjson`,
        headers: a.admin,
      });
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toMatch(/^application\/x-ndjson/);
      await send(400, ['GET', `${path}?format=xlsx`], path, a.admin);
      await send(403, ['GET', path], path, a.writeAsBearer);
    }
    for (const path of ['/v1/reports/distribution', '/v1/reports/funnel', '/v1/transitions'])
      await send(200, ['GET', path], path, a.admin);
    await send(
      400,
      ['GET', '/v1/reports/distribution?bins=0'],
      '/v1/reports/distribution',
      a.admin,
    );
    await send(200, ['GET', '/v1/jobs'], '/v1/jobs', a.admin);
    await send(200, ['GET', '/v1/keys'], '/v1/keys', a.admin);
    const issued = await send(201, ['POST', '/v1/keys'], '/v1/keys', a.admin, { kind: 'write' });
    const keyId = issued.json<{ id: string }>().id;
    await send(200, ['DELETE', `/v1/keys/${keyId}`], '/v1/keys/{id}', a.admin);
    await send(404, ['DELETE', '/v1/keys/nope'], '/v1/keys/{id}', a.admin);

    // No model active: a lead without a score, every figure null.
    const b = await workspace(store, 'b');
    await send(200, ['POST', '/v1/identify'], '/v1/identify', b.write, { userId: 'v1' });
    const unscored = await send(200, ['GET', '/v1/leads/v1'], lead, b.admin);
    expect(unscored.json()).toMatchObject({ score: null, stage: null, modelVersion: null });
    await send(200, ['GET', '/v1/leads'], '/v1/leads', b.admin);
    await send(200, ['GET', '/v1/models'], '/v1/models', b.admin);

    // Imports: a file as the body, its preview, its mistakes, and the job's answer once ended.
    const csv = { ...a.admin, 'content-type': 'text/csv' };
    const leadsCsv = 'id,title\nimp-1,VP Sales\n';
    const imports = '/v1/imports';
    const preview = '/v1/imports/preview';
    await send(200, ['POST', `${preview}?kind=leads`], preview, csv, leadsCsv);
    await send(400, ['POST', imports], imports, csv, leadsCsv);
    await send(403, ['POST', `${imports}?kind=leads`], imports, {
      ...a.writeAsBearer,
      'content-type': 'text/csv',
    });
    const png = { ...a.admin, 'content-type': 'image/png' };
    await send(415, ['POST', `${imports}?kind=leads`], imports, png, leadsCsv);
    const importing = await send(202, ['POST', `${imports}?kind=leads`], imports, csv, leadsCsv);
    const jobUrl = `/v1/jobs/${importing.json<{ jobId: string }>().jobId}`;
    for (let i = 0; i < 500; i++) {
      const job = await send(200, ['GET', jobUrl], '/v1/jobs/{id}', a.admin);
      if (job.json<{ status: string }>().status === 'succeeded') break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const imported = await send(200, ['GET', jobUrl], '/v1/jobs/{id}', a.admin);
    expect(imported.json()).toMatchObject({ status: 'succeeded', result: { dryRun: false } });
  });

  it('validate when the write key is over its rate limit', async () => {
    const store = await open();
    const app = await buildApp({
      store,
      models: new ActiveModels(),
      clock: () => NOW,
      writeKeyRateLimit: 1,
    });
    const check = responseValidator(await documentOf(app));
    const { write } = await workspace(store, 'w');
    for (const [messageId, status] of [
      ['r1', 200],
      ['r2', 429],
    ] as const) {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/track',
        headers: write,
        payload: { userId: 'v1', event: 'E', messageId },
      });
      expect(res.statusCode).toBe(status);
      check(res, 'post', '/v1/track');
    }
  });
});
