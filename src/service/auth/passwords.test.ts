// The password policy's reasons, and hashing that verifies only the right password.
import { parseOptions } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import {
  ARGON2_OPTIONS,
  burnVerify,
  DUMMY_HASH,
  hashPassword,
  passwordProblem,
  verifyPassword,
} from './passwords.js';

describe('passwordProblem', () => {
  const email = 'jane.doe@example.com';

  it.each([
    ['short1!', 'at least 12 characters (this one has 7)'],
    ['x'.repeat(257), 'at most 256 characters'],
    ['aaaaaaaaaaaaaaaa', 'too few different characters'],
    ['qwerty123456', 'most common passwords'],
    ['Password123456!', 'most common passwords'],
    ['!!Sunshine2024!!', 'most common passwords'],
    ['jane.doe@example.com', 'e-mail address'],
    ['Jane.Doe2024!!', 'e-mail address'],
  ])('refuses %j with the reason', (password, reason) => {
    const problem = passwordProblem(password, email);
    expect(problem).toContain(reason);
    expect(problem).not.toContain(password);
  });

  it('accepts a long passphrase or random characters', () => {
    expect(passwordProblem('correct horse battery staple', email)).toBeNull();
    expect(passwordProblem('Zq8#mL2$pVx9', email)).toBeNull();
  });
});

describe('hashing', () => {
  it('is argon2id with the OWASP parameters and verifies only the right password', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery stapl')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });

  it('takes one password however its accents are encoded', async () => {
    const hash = await hashPassword('cr\u00e8me br\u00fbl\u00e9e au caf\u00e9');
    expect(await verifyPassword(hash, 'cre\u0300me bru\u0302le\u0301e au cafe\u0301')).toBe(true);
  });

  it('keeps the dummy hash on the same parameters, so an unknown e-mail costs the same', async () => {
    const dummy = parseOptions(DUMMY_HASH);
    expect(dummy).toMatchObject({
      algorithm: ARGON2_OPTIONS.algorithm,
      memoryCost: ARGON2_OPTIONS.memoryCost,
      timeCost: ARGON2_OPTIONS.timeCost,
      parallelism: ARGON2_OPTIONS.parallelism,
    });
    expect(await burnVerify('anything')).toBe(false);
  });
});
