// The real @segment/analytics-node client, pointed at a local server: we parse what it sends.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Analytics } from '@segment/analytics-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSegmentBatch } from './parse-batch.js';
import type { SegmentBatchItem } from './parse-batch.js';

interface Captured {
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const captured: Captured[] = [];
const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    captured.push({ url: request.url, headers: request.headers, body: Buffer.concat(chunks) });
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});

const at = new Date('2026-04-01T10:00:00.000Z');
const items: SegmentBatchItem[] = [];

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = new Analytics({
    writeKey: 'test-key',
    host: `http://127.0.0.1:${port}`,
    flushAt: 20,
    maxRetries: 0,
  });
  client.identify({
    userId: 'u1',
    anonymousId: 'anon-1',
    traits: { title: 'CTO', company: { name: 'Acme', employee_count: 120 } },
  });
  client.track({
    userId: 'u1',
    event: 'Demo Requested',
    properties: { plan: 'pro' },
    timestamp: at,
  });
  client.page({
    userId: 'u1',
    name: 'Pricing',
    properties: { path: '/pricing', url: 'https://acme.test/pricing' },
  });
  client.group({ userId: 'u1', groupId: 'acme', traits: { name: 'Acme', industry: 'Software' } });
  client.alias({ userId: 'u1', previousId: 'anon-1' });
  client.screen({ userId: 'u1', name: 'Home' });
  await client.closeAndFlush({ timeout: 10_000 });
  for (const request of captured) {
    const result = parseSegmentBatch(request.body, {
      receivedAt: Date.now(),
      bodyBytes: request.body.byteLength,
    });
    if (result.kind !== 'ok') throw new Error(result.reason);
    items.push(...result.items);
  }
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('@segment/analytics-node against parseSegmentBatch', () => {
  it('posts to /v1/batch with the write key as the Basic auth user name', () => {
    expect(captured.length).toBeGreaterThan(0);
    for (const request of captured) {
      expect(request.url).toBe('/v1/batch');
      expect(request.headers.authorization).toBe(
        `Basic ${Buffer.from('test-key:').toString('base64')}`,
      );
    }
  });
  it('is accepted in full, except the screen call leadscore does not take', () => {
    const kinds = items.map((item) =>
      item.kind === 'accepted' ? item.message.type : `rejected ${item.field}`,
    );
    expect(kinds).toEqual([
      'identify',
      'track',
      'page',
      'group',
      'alias',
      'rejected batch[5].type',
    ]);
    for (const item of items)
      expect(item.kind === 'rejected' || item.message.messageId?.startsWith('node-next-')).toBe(
        true,
      );
  });
  it('gives each call its fields', () => {
    const byType = Object.fromEntries(
      items.flatMap((item) =>
        item.kind === 'accepted' ? [[item.message.type, item.message]] : [],
      ),
    );
    expect(byType.identify).toMatchObject({
      userId: 'u1',
      anonymousId: 'anon-1',
      traits: { title: 'CTO' },
      companyTraits: { name: 'Acme', employee_count: 120 },
    });
    expect(byType.track).toMatchObject({
      event: 'Demo Requested',
      properties: { plan: 'pro' },
      time: at.getTime(),
    });
    expect(byType.page).toMatchObject({
      event: 'Page Viewed',
      name: 'Pricing',
      properties: { path: '/pricing', url: 'https://acme.test/pricing', name: 'Pricing' },
    });
    expect(byType.group).toMatchObject({
      groupId: 'acme',
      traits: { name: 'Acme', industry: 'Software' },
    });
    expect(byType.alias).toMatchObject({ userId: 'u1', previousId: 'anon-1' });
    expect(byType.track?.context).toMatchObject({ library: { name: '@segment/analytics-node' } });
  });
});
