// The logger options of `serve`: what they censor in a line.
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { loggerOptions } from './logging.js';

describe('loggerOptions', () => {
  it('redacts authorization, cookies, keys, passwords and secrets wherever a line carries them', async () => {
    const lines: string[] = [];
    const app = Fastify({
      logger: loggerOptions({ level: 'info', stream: { write: (l) => void lines.push(l) } }),
    });
    app.log.info({
      req: { headers: { authorization: 'Bearer s1', cookie: 'sid=s2', 'x-api-key': 's3' } },
      res: { headers: { 'set-cookie': 'sid=s4' } },
      headers: { authorization: 'Basic s5', cookie: 's6' },
      body: { password: 's7', secret: 's8', writeKey: 's9', key: 's10', apiKey: 's11' },
      password: 's12',
      kept: 'visible',
    });
    await app.close();
    const line = lines.join('');
    expect(line).toContain('visible');
    for (let i = 1; i <= 12; i++) expect(line).not.toMatch(new RegExp(`\\bs${i}\\b`));
    // Fastify's req and res serializers drop headers; the rest are censored in place.
    expect(line.match(/\[redacted\]/g)).toHaveLength(8);
  });

  it("writes an error's cause with its message and stack", async () => {
    const lines: string[] = [];
    const app = Fastify({
      logger: loggerOptions({ level: 'info', stream: { write: (l) => void lines.push(l) } }),
    });
    const cause = new Error('connection reset by peer');
    app.log.error({ err: new Error('could not store the call', { cause }) }, 'request failed');
    await app.close();
    const { err } = JSON.parse(lines.join('')) as { err: { message: string; stack: string } };
    expect(err.message).toBe('could not store the call: connection reset by peer');
    expect(err.stack).toMatch(/caused by: Error: connection reset by peer\n\s+at /);
  });
});
