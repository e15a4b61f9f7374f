// What a refused single sign-on tells the user on the sign-in page.
import { describe, expect, it } from 'vitest';
import { ssoErrorOf } from './sso-error';

describe('ssoErrorOf', () => {
  it('prefers the reason the server gives, then a known code, then the code in words', () => {
    expect(ssoErrorOf(new URLSearchParams('error=x&reason=nonce mismatch'))).toBe(
      'Single sign-on failed: nonce mismatch',
    );
    expect(ssoErrorOf(new URLSearchParams('error=domain_not_allowed'))).toMatch(/domain is not/);
    expect(ssoErrorOf(new URLSearchParams('error=token_expired'))).toBe(
      'Single sign-on failed: token expired.',
    );
    expect(ssoErrorOf(new URLSearchParams(''))).toBeNull();
  });
});
