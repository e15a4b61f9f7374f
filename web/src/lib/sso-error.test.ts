// What a refused single sign-on tells the user on the sign-in page.
import { describe, expect, it } from 'vitest';
import { ssoErrorOf } from './sso-error';

describe('ssoErrorOf', () => {
  it('says what a known code means, and an unknown one in words', () => {
    expect(ssoErrorOf(new URLSearchParams('error=sso_domain'))).toBe(
      'Single sign-on failed: your e-mail domain is not allowed to sign in here.',
    );
    expect(ssoErrorOf(new URLSearchParams('error=token_expired'))).toBe(
      'Single sign-on failed: token expired.',
    );
    expect(ssoErrorOf(new URLSearchParams('error=constructor'))).toBe(
      'Single sign-on failed: constructor.',
    );
    expect(ssoErrorOf(new URLSearchParams(''))).toBeNull();
  });
});
