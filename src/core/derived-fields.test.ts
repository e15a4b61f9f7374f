// Derived e-mail fields: domain, free-mail, disposable, and never shadowing a lead's own values.
import { describe, expect, it } from 'vitest';
import { compileCondition } from './condition.js';
import { deriveEmail, emailDomain } from './derived-fields.js';
import { EMAIL_DOMAIN_LISTS } from './email-lists.js';
import { compileFieldReader } from './fields.js';

const derive = (email: unknown) => deriveEmail(email, EMAIL_DOMAIN_LISTS);

describe('derived e-mail fields', () => {
  it('take the lower-cased domain after the last @', () => {
    expect(emailDomain(' Jane.Doe@ACME.Example.COM ')).toBe('acme.example.com');
    expect(emailDomain('"odd@name"@acme.io')).toBe('acme.io');
    for (const bad of ['', 'jane', '@acme.com', 'jane@', 'jane@localhost', 'ja ne@acme.com', 42]) {
      expect(emailDomain(bad)).toBeUndefined();
    }
  });

  it('mark free-mail, business and disposable addresses from the packages lists', () => {
    expect(derive('someone@gmail.com')).toEqual({
      'email.domain': 'gmail.com',
      'email.isBusiness': false,
      'email.isDisposable': false,
    });
    expect(derive('x@Hotmail.com')?.['email.isBusiness']).toBe(false);
    expect(derive('cfo@stripe.com')).toEqual({
      'email.domain': 'stripe.com',
      'email.isBusiness': true,
      'email.isDisposable': false,
    });
    expect(derive('temp@mailinator.com')).toEqual({
      'email.domain': 'mailinator.com',
      'email.isBusiness': false,
      'email.isDisposable': true,
    });
    expect(derive(undefined)).toBeUndefined();
  });

  it('are read like any trait by conditions, and absent without a valid e-mail', () => {
    const business = compileCondition({ field: 'email.isBusiness', eq: true });
    const domain = compileCondition({ field: 'email.domain', in: ['stripe.com', 'acme.io'] });
    const hasDomain = compileCondition({ field: 'email.domain', exists: true });
    expect(business({ email: 'cfo@stripe.com' })).toBe(true);
    expect(business({ email: 'me@gmail.com' })).toBe(false);
    expect(domain({ email: 'CFO@Stripe.com' })).toBe(true);
    expect(hasDomain({ email: 'not an address' })).toBe(false);
    expect(hasDomain({})).toBe(false);
    expect(compileCondition({ field: 'email.isDisposable', eq: false })({})).toBe(false);
  });

  it("never shadow the lead's own value at the same path", () => {
    const read = compileFieldReader('email.domain');
    expect(read({ email: { domain: 'own.example' } })).toBe('own.example');
    expect(read({ email: 'a@stripe.com', 'email.domain': 'flat.example' })).toBe('flat.example');
    expect(read({ email: { work: 'a@stripe.com' } })).toBeUndefined();
    expect(compileFieldReader('email.isBusiness')({ email: { isBusiness: 'no' } })).toBe('no');
  });

  it('take the lists as data', () => {
    const lists = { freeMail: new Set(['stripe.com']), disposable: new Set<string>() };
    expect(compileFieldReader('email.isBusiness', lists)({ email: 'a@stripe.com' })).toBe(false);
  });
});
