// The store methods of a bulk import: leads and companies read and written many at a time, and
// the leads an import stored something for and has not scored yet (kept across a crash).
import type { Company, JsonObject, Lead } from './records.js';

/** A lead as an import writes it: its whole traits and its company. */
export interface ImportedLead {
  id: string;
  traits: JsonObject;
  companyId: string | null;
}

export interface ImportedCompany {
  id: string;
  traits: JsonObject;
}

export interface ImportMethods {
  /** The stored leads among these ids (the others are absent from the map). */
  getLeads(ws: string, ids: readonly string[]): Promise<Map<string, Lead>>;
  getCompanies(ws: string, ids: readonly string[]): Promise<Map<string, Company>>;
  /** The messageIds among these that events of the workspace already have (a dry run's lookup). */
  storedMessageIds(ws: string, messageIds: readonly string[]): Promise<Set<string>>;
  /**
   * Upserts whole leads: traits and company replaced, `updatedAt` now; a new lead is created
   * now. With the same id twice the later row wins.
   */
  putLeads(ws: string, leads: readonly ImportedLead[], now: number): Promise<void>;
  /** putLeads for companies. */
  putCompanies(ws: string, companies: readonly ImportedCompany[], now: number): Promise<void>;
  /** Notes leads to score at the end of an import (a lead noted twice is noted once). */
  markImportPending(ws: string, leadIds: readonly string[]): Promise<void>;
  /** Noted leads in id order, after `after` (keyset). */
  listImportPending(ws: string, page: { after?: string; limit: number }): Promise<string[]>;
  clearImportPending(ws: string, leadIds: readonly string[]): Promise<void>;
}
