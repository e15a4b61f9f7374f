// The domain lists behind the derived e-mail fields, loaded once from their maintained packages.
// Static data, not I/O: the engine receives them as plain sets (see derived-fields.ts).
import freeMailDomains from 'email-providers/all.json' with { type: 'json' };
import { disposableEmailBlocklistSet } from 'disposable-email-domains-js';

export interface EmailDomainLists {
  /** Free-mail providers (gmail.com, yahoo.com, ...): a lead there is not a business address. */
  freeMail: ReadonlySet<string>;
  /** Throw-away address providers (mailinator.com, ...). */
  disposable: ReadonlySet<string>;
}

/** `email-providers`' full list (`all.json`) and `disposable-email-domains-js`' block list. */
export const EMAIL_DOMAIN_LISTS: EmailDomainLists = Object.freeze({
  freeMail: new Set((freeMailDomains as string[]).map((d) => d.toLowerCase())),
  disposable: disposableEmailBlocklistSet(),
});
