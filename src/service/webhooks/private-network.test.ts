// The SSRF guard: which addresses are the server's own, URLs given as addresses or names, and an
// attempt refused before any request leaves.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isPrivateAddress, privateNetworkRefusal } from './private-network.js';
import { sendWebhook } from './send.js';

describe('private network guard', () => {
  it('knows loopback, private, link-local and CGNAT addresses, v4, v6 and mapped', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254'])
      expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ['100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:10.0.0.1'])
      expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8'])
      expect(isPrivateAddress(a), a).toBe(false);
    expect(isPrivateAddress('example.com')).toBe(false);
  });

  it('refuses URLs whose host is, or resolves to, such an address', async () => {
    expect(await privateNetworkRefusal('http://127.0.0.1:9/hook')).toMatch(
      /127\.0\.0\.1 is a private/,
    );
    expect(await privateNetworkRefusal('http://[::1]:9/hook')).toMatch(/::1 is a private/);
    expect(await privateNetworkRefusal('http://localhost:9/hook')).toMatch(
      /localhost resolves to .*private/,
    );
    expect(await privateNetworkRefusal('https://93.184.216.34/hook')).toBeUndefined();
  });

  it('refuses an attempt before any request leaves, unless told private networks are allowed', async () => {
    await withReceiver(async (port, requests) => {
      const request = { url: `http://127.0.0.1:${port}/hook`, headers: {}, body: '{}' };
      for (const refused of [
        await sendWebhook(request, 2000),
        await sendWebhook(request, 2000, { blockPrivateNetworks: true }),
      ]) {
        expect(refused).toMatchObject({ statusCode: null, responseExcerpt: null });
        expect(refused.error).toMatch(/LEADSCORE_WEBHOOK_ALLOW_PRIVATE=1 allows it/);
      }
      expect(requests()).toBe(0);
      expect(await sendWebhook(request, 2000, { blockPrivateNetworks: false })).toMatchObject({
        statusCode: 204,
        error: null,
      });
      expect(requests()).toBe(1);
    });
  });

  it('checks the address the socket connects to, so DNS rebinding cannot reach a private one', async () => {
    await withReceiver(async (port, requests) => {
      const request = { url: `http://hooks.example.test:${port}/hook`, headers: {}, body: '{}' };
      // A name that resolves to loopback is refused when the socket looks it up.
      const toLoopback = async () => ['127.0.0.1'];
      const refused = await sendWebhook(request, 2000, { resolve: toLoopback });
      expect(refused.error).toBe(
        'refused: hooks.example.test resolves to 127.0.0.1, a private or loopback address (LEADSCORE_WEBHOOK_ALLOW_PRIVATE=1 allows it, on a development machine)',
      );
      // Rebinding: public to the first lookup, loopback to every later one. Only one lookup is
      // made, the socket's own: it gets the public address (unreachable here, nothing is sent
      // anywhere) and the loopback server never hears from it.
      let lookups = 0;
      const rebinding = async () => (lookups++ === 0 ? ['192.0.2.10'] : ['127.0.0.1']);
      const attempt = await sendWebhook(request, 1000, { resolve: rebinding });
      expect(attempt.statusCode).toBeNull();
      expect(lookups).toBe(1);
      expect(requests()).toBe(0);
    });
  });
});

/** A local webhook receiver answering 204, counting the requests that reach it. */
async function withReceiver(
  test: (port: number, requests: () => number) => Promise<void>,
): Promise<void> {
  let requests = 0;
  const server = createServer((_req, res) => {
    requests++;
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await test((server.address() as AddressInfo).port, () => requests);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}
