// The imports API over a real store for tests: an app with a model active, admin and write keys,
// uploads in a folder of the test's own, jobs followed to their end, and what the built CLI's
// `score` computes from the same files.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { round2 } from '../src/core/lead-score.js';
import { parseModel } from '../src/core/parse-model.js';
import type { ImportResult } from '../src/service/import/import-types.js';
import { createWorkspaceWithKeys } from '../src/service/keys.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import type { Store } from '../src/store/port.js';
import { ROOT, runCli } from './run-cli.js';

export const NOW = Date.parse('2026-06-01T00:00:00Z');
export const data = (file: string) => join(ROOT, 'examples/data', file);
export const text = (file: string) => readFileSync(data(file), 'utf8');
export const modelYaml = (name: string) =>
  readFileSync(join(ROOT, 'examples/models', name), 'utf8');

export interface JobAnswer {
  id: string;
  kind: string;
  status: string;
  error: string | null;
  progress: number;
  total: number;
  result: ImportResult | null;
}

export async function setup(open: () => Promise<Store>, model: string, maxBytes?: number) {
  const store = await open();
  const uploads = mkdtempSync(join(tmpdir(), 'leadscore-uploads-'));
  const app: FastifyInstance = await buildApp({
    store,
    models: new ActiveModels(),
    clock: () => NOW,
    imports: { tmpDir: uploads, maxBytes },
  });
  const made = await createWorkspaceWithKeys(store, 'imports', NOW - 86_400_000);
  const ws = made.workspace.id;
  const version = await store.addModel(
    ws,
    parseModel(modelYaml(model)) as unknown as Record<string, unknown>,
    NOW,
  );
  await store.activateModel(ws, version, NOW);
  const admin = { authorization: `Bearer ${made.admin.secret}` };
  // A write key where the admin key goes (as Basic auth it is no management key at all).
  const write = { authorization: `Bearer ${made.write.secret}` };
  /** Posts a body (one file, or a form) to the URL. */
  const post = (
    url: string,
    payload: string | Buffer,
    type: string,
    headers: Record<string, string> = admin,
  ): Promise<LightMyRequestResponse> =>
    app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': type }, payload });
  /** Sends one file as the body. */
  const send = (query: string, payload: string, type = 'text/csv', headers = admin) =>
    post(`/v1/imports${query}`, payload, type, headers);
  const get = (url: string): Promise<LightMyRequestResponse> =>
    app.inject({ method: 'GET', url, headers: admin });
  /** The job once it has ended. */
  const finished = async (jobId: string): Promise<JobAnswer> => {
    for (let i = 0; i < 2000; i++) {
      const job = (await get(`/v1/jobs/${jobId}`)).json<JobAnswer>();
      if (job.status === 'succeeded' || job.status === 'failed') return job;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`job ${jobId} did not end`);
  };
  /** Answers the ended job the answer started. */
  const started = async (res: LightMyRequestResponse): Promise<JobAnswer> => {
    expect(res.statusCode, res.body).toBe(202);
    const { jobId, job } = res.json<{ jobId: string; job: { kind: string } }>();
    expect(job.kind).toBe('import');
    return finished(jobId);
  };
  /** Sends one file as the body and answers the ended job. */
  const imported = async (query: string, payload: string, type = 'text/csv') =>
    started(await send(query, payload, type));
  return { store, app, ws, admin, write, uploads, post, send, get, finished, started, imported };
}

/** What `leadscore score` computes from the files, per lead (the built CLI, as a user runs it). */
export async function scoredByCli(model: string, leads: string, events: string) {
  const run = await runCli([
    'score',
    '--model',
    join(ROOT, 'examples/models', model),
    '--leads',
    data(leads),
    '--events',
    data(events),
    '--as-of',
    new Date(NOW).toISOString(),
    '--format',
    'ndjson',
  ]);
  expect(run.code, run.stderr).toBe(0);
  const scores = new Map<string, Scored>();
  for (const line of run.stdout.trim().split('\n')) {
    const { id, score, segment, stage } = JSON.parse(line) as Scored & { id: string };
    scores.set(id, { score, segment, stage });
  }
  return scores;
}

export type Ctx = Awaited<ReturnType<typeof setup>>;

/** Each lead as the API shows it, against what the CLI computed. */
export async function expectScoredLikeCli(ctx: Ctx, expected: Map<string, Scored>) {
  expect(expected.size).toBeGreaterThan(5);
  for (const [id, score] of expected) {
    const lead = (await ctx.get(`/v1/leads/${id}`)).json<Scored>();
    // The CLI prints scores to 2 decimals.
    expect({ id, score: round2(lead.score), segment: lead.segment, stage: lead.stage }).toEqual({
      id,
      ...score,
    });
  }
}

export interface Scored {
  score: number;
  segment: string;
  stage: string;
}

export const csvRows = (body: string) =>
  parse(body, { columns: true, skip_empty_lines: true }) as Record<string, string>[];

export interface FormPart {
  name: string;
  /** A file part's name; a text field has none. */
  filename?: string;
  type?: string;
  content: string;
}

/** A multipart/form-data body, as a browser sends one. */
export function form(parts: readonly FormPart[]): { payload: Buffer; type: string } {
  const boundary = '----leadscore-test-boundary-7MA4YWxkTrZu0gW';
  const chunks = parts.map((p) => {
    const file = p.filename === undefined ? '' : `; filename="${p.filename}"`;
    const type = p.type === undefined ? '' : `\r\nContent-Type: ${p.type}`;
    return `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${file}${type}\r\n\r\n${p.content}\r\n`;
  });
  return {
    payload: Buffer.from(`${chunks.join('')}--${boundary}--\r\n`),
    type: `multipart/form-data; boundary=${boundary}`,
  };
}
