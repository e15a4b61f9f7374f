// The account list as people read it: stored account scores, best first, a page at a time, each
// with its company's name.
import type { AccountScoreRow, Store } from '../../store/port.js';

export type AccountListEntry = Omit<AccountScoreRow, 'companyId' | 'scoredAt' | 'updatedAt'> & {
  id: string;
  name: string | null;
  scoredAt: string;
};

/** A list line with its company's traits, which it was read from. */
export interface AccountListRow {
  entry: AccountListEntry;
  traits: Record<string, unknown>;
}

export interface AccountListQuery {
  limit: number;
  cursor: string | undefined;
  segment: string | undefined;
}

export async function listAccounts(
  store: Store,
  ws: string,
  query: AccountListQuery,
): Promise<{ items: AccountListEntry[]; next: string | null }> {
  const page = await accountListRows(store, ws, query);
  return { items: page.rows.map((r) => r.entry), next: page.next };
}

/** One page of the list: each line with its company's traits. */
export async function accountListRows(
  store: Store,
  ws: string,
  query: AccountListQuery,
): Promise<{ rows: AccountListRow[]; next: string | null }> {
  const page = await store.listAccountScores(ws, {
    limit: query.limit,
    after: query.cursor ?? null,
    ...(query.segment ? { segment: query.segment } : {}),
  });
  const rows = await Promise.all(
    page.items.map(async (row): Promise<AccountListRow> => {
      const company = await store.getCompany(ws, row.companyId);
      const name = company?.traits.name;
      const entry: AccountListEntry = {
        id: row.companyId,
        name: typeof name === 'string' ? name : null,
        score: row.score,
        fit: row.fit,
        engagement: row.engagement,
        grade: row.grade,
        segment: row.segment,
        stage: row.stage,
        contacts: row.contacts,
        modelVersion: row.modelVersion,
        scoredAt: new Date(row.scoredAt).toISOString(),
      };
      return { entry, traits: company?.traits ?? {} };
    }),
  );
  return { rows, next: page.next };
}
