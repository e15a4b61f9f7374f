// Account (company) scores: the company's own fit plus its contacts' scores taken together (sum,
// max or average, as the model says), graded and segmented with the same machinery as leads,
// and explained contribution by contribution.
import { compileModel, type CompiledModel } from './compile-model.js';
import { evaluateFit } from './fit.js';
import type { Accounts, Model, Stage } from './model-schema.js';
import { classify } from './score-matches.js';

export interface CompiledAccounts {
  aggregate: Accounts['aggregate'];
  /** The account part as a model of its own: fit criteria, grades and segments, no rules. */
  compiled: CompiledModel;
}

/** Undefined when the model scores no accounts. */
export function compileAccounts(model: Model): CompiledAccounts | undefined {
  const accounts = model.accounts;
  if (!accounts) return undefined;
  const own: Model = {
    name: `${model.name} (accounts)`,
    fit: accounts.fit,
    engagement: { rules: [] },
    segments: accounts.segments,
  };
  return { aggregate: accounts.aggregate, compiled: compileModel(own) };
}

export interface ContactScore {
  leadId: string;
  /** The contact's score as of the moment the account is scored. */
  score: number;
}

export type AccountContribution =
  | { kind: 'fit'; id: string; category: string; points: number }
  /** `points` is what this contact adds to the account (its score, its share, or 0). */
  | { kind: 'contact'; leadId: string; score: number; points: number };

export interface AccountScore {
  score: number;
  fit: number;
  /** The contacts' scores taken together. */
  engagement: number;
  grade: string | null;
  segment: string;
  stage: Stage;
  contacts: number;
  contributions: AccountContribution[];
}

export function scoreAccount(
  accounts: CompiledAccounts,
  traits: Record<string, unknown>,
  contacts: readonly ContactScore[],
): AccountScore {
  const { compiled } = accounts;
  const fit = evaluateFit(compiled, traits);
  const contributions: AccountContribution[] = fit.matched.map((index) => {
    const c = compiled.criteria[index]!;
    return { kind: 'fit', id: c.id, category: c.category, points: c.points };
  });
  const shares = contactShares(accounts.aggregate, contacts);
  contacts.forEach((c, i) =>
    contributions.push({ kind: 'contact', leadId: c.leadId, score: c.score, points: shares[i]! }),
  );
  const engagement = shares.reduce((sum, share) => sum + share, 0);
  const categories: Record<string, number> = {};
  for (const c of contributions)
    if (c.kind === 'fit') categories[c.category] = (categories[c.category] ?? 0) + c.points;
  categories.contacts = engagement;
  const classified = classify(compiled, fit.fit, engagement, categories, []);
  return {
    score: classified.score,
    fit: classified.fit,
    engagement,
    grade: classified.grade,
    segment: classified.segment,
    stage: classified.stage,
    contacts: contacts.length,
    contributions,
  };
}

/** Each contact's part of the aggregate, summing to it (max: the first top contact takes all). */
function contactShares(aggregate: Accounts['aggregate'], contacts: readonly ContactScore[]) {
  if (contacts.length === 0) return [];
  switch (aggregate) {
    case 'sum':
      return contacts.map((c) => c.score);
    case 'average':
      return contacts.map((c) => c.score / contacts.length);
    case 'max': {
      let top = 0;
      contacts.forEach((c, i) => {
        if (c.score > contacts[top]!.score) top = i;
      });
      return contacts.map((c, i) => (i === top ? c.score : 0));
    }
  }
}
