// The leads and companies rows as both databases read them, and their mapping to the records:
// traits that cannot be read are {} with a warning naming the row (../stored-json.ts).
import type { Company, Lead } from '../records.js';
import type { Dialect } from './dialect.js';

export interface LeadColumns {
  id: string;
  /** JSON: text on SQLite, parsed on PostgreSQL. */
  traits: unknown;
  company_id: string | null;
  created_at: number;
  updated_at: number;
}

export type CompanyColumns = Omit<LeadColumns, 'company_id'>;

export const LEAD_COLUMNS = 'id, traits, company_id, created_at, updated_at';
export const COMPANY_COLUMNS = 'id, traits, created_at, updated_at';

export const toLead = (d: Dialect, r: LeadColumns): Lead => ({
  id: r.id,
  traits: d.readObject(r.traits, `lead "${r.id}" traits`),
  companyId: r.company_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const toCompany = (d: Dialect, r: CompanyColumns): Company => ({
  id: r.id,
  traits: d.readObject(r.traits, `company "${r.id}" traits`),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
