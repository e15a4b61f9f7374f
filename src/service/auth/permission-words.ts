// What each permission lets one do, in words for refusals ("role sales may not manage API keys")
// and the dashboard's notes. One line per permission, so a new permission cannot go unnamed.
import type { Role } from '../../store/team-records.js';
import { type Permission, OWN_LEADS_ONLY } from './permissions.js';

export const PERMISSION_WORDS: Readonly<Record<Permission, string>> = {
  'leads.read': 'read leads and accounts',
  'leads.act': 'record feedback, lifecycle moves, outcomes and manual score adjustments',
  'leads.write': 'change lead traits',
  'leads.erase': 'erase leads or lift their suppressions',
  'data.export': 'export leads and accounts',
  'data.import': 'import data',
  'models.read': 'read scoring models',
  'models.write': 'create, activate or roll back scoring models',
  'analytics.read': 'read reports and analytics',
  'predictive.read': 'read predictive models',
  'predictive.write': 'train, activate or deactivate predictive models',
  'automation.read': 'read webhooks and other automation',
  'automation.write': 'change webhooks and other automation',
  'jobs.read': 'read jobs',
  'keys.manage': 'manage API keys',
  'users.manage': 'manage users',
  'audit.read': 'read the audit trail',
};

/** True when the role holds the permission only for the leads it owns. */
export function ownLeadsOnly(role: Role, permission: Permission): boolean {
  return OWN_LEADS_ONLY[role]?.has(permission) === true;
}
