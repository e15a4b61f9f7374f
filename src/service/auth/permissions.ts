// What each role may do: one permission per kind of action, granted to roles by one table. The
// API's access table (src/api/access-table.ts) names the permission every route needs.
import type { Role } from '../../store/team-records.js';

export const PERMISSIONS = [
  /** Leads, their events, history and lifecycle; accounts. */
  'leads.read',
  /** Feedback, lifecycle moves, outcomes, score adjustments: every lead (sales: own leads). */
  'leads.act',
  /** Lead traits. */
  'leads.write',
  /** Erasure and its suppressions. */
  'leads.erase',
  /** Exports of every lead and account. */
  'data.export',
  /** Bulk imports and their rejects. */
  'data.import',
  'models.read',
  /** Create, backtest, activate, roll back. */
  'models.write',
  /** Reports, transitions, analytics. */
  'analytics.read',
  'predictive.read',
  'predictive.write',
  'automation.read',
  /** Webhooks and other automation. */
  'automation.write',
  'jobs.read',
  'keys.manage',
  'users.manage',
  'audit.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ: readonly Permission[] = [
  'leads.read',
  'data.export',
  'models.read',
  'analytics.read',
  'predictive.read',
  'automation.read',
  'jobs.read',
];

const MARKETER: readonly Permission[] = [
  ...READ,
  'leads.act',
  'leads.write',
  'data.import',
  'models.write',
  'predictive.write',
  'automation.write',
];

export const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  owner: new Set(PERMISSIONS),
  marketer: new Set(MARKETER),
  viewer: new Set(READ),
  sales: new Set<Permission>(['leads.read', 'leads.act']),
};

/** Permissions a sales role holds only for the leads it owns (`owner` = its e-mail). */
export const OWN_LEADS_ONLY: Readonly<Partial<Record<Role, ReadonlySet<Permission>>>> = {
  sales: new Set<Permission>(['leads.act']),
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}
