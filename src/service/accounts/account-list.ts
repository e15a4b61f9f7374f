// The account list as people read it: stored account scores, best first, a page at a time, each
// with its company's name.
import type { AccountScoreRow, Store } from '../../store/port.js';

export type AccountListEntry = Omit<AccountScoreRow, 'companyId' | 'scoredAt' | 'updatedAt'> & {
  id: string;
  name: string | null;
  scoredAt: string;
};

export async function listAccounts(
  store: Store,
  ws: string,
  query: { limit: number; cursor: string | undefined; segment: string | undefined },
): Promise<{ items: AccountListEntry[]; next: string | null }> {
  const page = await store.listAccountScores(ws, {
    limit: query.limit,
    after: query.cursor ?? null,
    ...(query.segment ? { segment: query.segment } : {}),
  });
  const items = await Promise.all(
    page.items.map(async (row): Promise<AccountListEntry> => {
      const company = await store.getCompany(ws, row.companyId);
      const name = company?.traits.name;
      return {
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
    }),
  );
  return { items, next: page.next };
}
