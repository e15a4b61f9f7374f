// The secret box: AES-256-GCM sealing under a key derived from LEADSCORE_SECRET_KEY, plaintext
// still read, and a clear error for a wrong or missing key (never a garbage secret).
import { describe, expect, it } from 'vitest';
import { isSealed, PLAIN_SECRETS, secretBox, SecretKeyError } from './secret-box.js';

const KEY = 'a-secret-key-of-at-least-32-characters';
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('secret box', () => {
  it('seals a secret out of sight and opens it again', () => {
    const box = secretBox(KEY);
    const sealed = box.seal(SECRET);
    expect(sealed).toMatch(/^enc:v1:[\w-]{16}:[\w-]{22}:[\w-]+$/);
    expect(sealed).not.toContain(SECRET.slice('whsec_'.length, 16));
    expect(isSealed(sealed)).toBe(true);
    expect(box.open(sealed)).toBe(SECRET);
    // A fresh IV each time: the same secret never seals to the same text.
    expect(box.seal(SECRET)).not.toBe(sealed);
    expect(secretBox(KEY).open(sealed)).toBe(SECRET);
  });

  it('reads plaintext secrets of older databases as they are', () => {
    expect(secretBox(KEY).open(SECRET)).toBe(SECRET);
    expect(PLAIN_SECRETS.open(SECRET)).toBe(SECRET);
    expect(PLAIN_SECRETS.seal(SECRET)).toBe(SECRET);
    expect(PLAIN_SECRETS.encrypts).toBe(false);
  });

  it('refuses to open with another key, an altered value, or no key, saying why', () => {
    const sealed = secretBox(KEY).seal(SECRET);
    const wrong = () => secretBox(`${KEY}-but-another`).open(sealed);
    expect(wrong).toThrow(SecretKeyError);
    expect(wrong).toThrow(
      'LEADSCORE_SECRET_KEY does not decrypt the stored webhook signing secrets: it is not the key they were encrypted with',
    );
    const altered = sealed.slice(0, -2) + (sealed.endsWith('AA') ? 'BB' : 'AA');
    expect(() => secretBox(KEY).open(altered)).toThrow(SecretKeyError);
    expect(() => secretBox(KEY).open('enc:v1:nonsense')).toThrow(/not in the enc:v1 form/);
    expect(() => PLAIN_SECRETS.open(sealed)).toThrow(
      'webhook signing secrets are encrypted at rest, but LEADSCORE_SECRET_KEY is not set',
    );
  });
});
