// The role a provider's claim names: a role name or a list of them (any case); with several, the
// first in the order owner, marketer, sales, viewer. Undefined when it names none.
import { ROLES, type Role } from '../../store/team-records.js';

export function roleFromClaim(value: unknown): Role | undefined {
  const names = (Array.isArray(value) ? value : [value])
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.trim().toLowerCase());
  return ROLES.find((role) => names.includes(role));
}
