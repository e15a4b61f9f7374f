// Snippets carry this server's address and the write key (or a placeholder for it).
import { describe, expect, it } from 'vitest';
import { snippets } from './snippets';

describe('snippets', () => {
  it('fills in the origin and write key', () => {
    const all = snippets({ origin: 'http://localhost:4000', writeKey: 'wk_123' });
    expect(all.map((s) => s.id)).toEqual(['analytics-node', 'analytics-js', 'curl']);
    expect(all[0]!.code).toContain("host: 'http://localhost:4000'");
    expect(all[1]!.code).toContain("apiHost: 'localhost:4000/v1', protocol: 'http'");
    expect(all[2]!.code).toContain(`Basic ${btoa('wk_123:')}`);
  });

  it('leaves a placeholder without a key', () => {
    expect(snippets({ origin: 'https://scores.example.com', writeKey: ' ' })[0]!.code).toContain(
      "writeKey: '<WRITE_KEY>'",
    );
  });
});
