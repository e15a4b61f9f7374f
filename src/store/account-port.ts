// The store methods of account (company) scores: the contacts of a company, the companies of
// leads, and the stored account scores, listed best first.
import type { AccountScoreRow } from './records.js';

export interface AccountPage {
  items: AccountScoreRow[];
  /** Pass as `after` for the next page; null after the last page. */
  next: string | null;
}

export interface AccountMethods {
  /** The ids of the leads linked to the company, in id order. */
  leadsOfCompany(ws: string, companyId: string): Promise<string[]>;
  /** The company each of these leads is linked to (leads without one are absent). */
  companiesOfLeads(ws: string, leadIds: readonly string[]): Promise<Map<string, string>>;
  putAccountScores(ws: string, rows: readonly AccountScoreRow[]): Promise<void>;
  getAccountScore(ws: string, companyId: string): Promise<AccountScoreRow | undefined>;
  /** Best score first (ties by company id), keyset-paginated; optionally one segment only. */
  listAccountScores(
    ws: string,
    query: { limit: number; after?: string | null; segment?: string },
  ): Promise<AccountPage>;
}
