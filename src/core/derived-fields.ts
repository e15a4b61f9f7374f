// Derived fields computed from the lead's `email` trait: email.domain, email.isBusiness and
// email.isDisposable. Pure: the domain lists come in as data.
import type { EmailDomainLists } from './email-lists.js';

export const DERIVED_EMAIL_FIELDS = [
  'email.domain',
  'email.isBusiness',
  'email.isDisposable',
] as const;
export type DerivedEmailField = (typeof DERIVED_EMAIL_FIELDS)[number];

export function isDerivedEmailField(path: string): path is DerivedEmailField {
  return (DERIVED_EMAIL_FIELDS as readonly string[]).includes(path);
}

// Something before the last `@`, and a domain after it with a dot and no blanks or second `@`.
const DOMAIN = /^[^\s@]+(\.[^\s@]+)+$/;

/** The lower-cased domain after the last `@` of a valid address; undefined otherwise. */
export function emailDomain(email: unknown): string | undefined {
  if (typeof email !== 'string') return undefined;
  const text = email.trim();
  const at = text.lastIndexOf('@');
  if (at <= 0) return undefined;
  const domain = text.slice(at + 1).toLowerCase();
  if (/\s/.test(text.slice(0, at)) || !DOMAIN.test(domain)) return undefined;
  return domain;
}

export interface DerivedEmail {
  'email.domain': string;
  'email.isBusiness': boolean;
  'email.isDisposable': boolean;
}

/** All three derived values of an address, or undefined when it is absent or not valid. */
export function deriveEmail(email: unknown, lists: EmailDomainLists): DerivedEmail | undefined {
  const domain = emailDomain(email);
  if (domain === undefined) return undefined;
  return {
    'email.domain': domain,
    'email.isBusiness': !lists.freeMail.has(domain) && !lists.disposable.has(domain),
    'email.isDisposable': lists.disposable.has(domain),
  };
}
