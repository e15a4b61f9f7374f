// What the signed-in person may open in the chosen workspace: the pages, what each needs (the
// server's permission names), the navigation a role sees, where it lands and the workspace used.
import type { Permission, Role, Workspace } from '../api/auth-types';

export interface Section {
  href: string;
  label: string;
  /** The permission the page needs. */
  needs: Permission;
  /** What a role without it is told it cannot do. */
  what: string;
  /** Listed in the navigation for these roles only (reachable by address by any role that may). */
  listedFor?: readonly Role[];
}

export const SECTIONS: readonly Section[] = [
  {
    href: '/my-leads',
    label: 'My leads',
    needs: 'leads.read',
    what: 'read leads',
    listedFor: ['sales'],
  },
  { href: '/leads', label: 'Leads', needs: 'leads.read', what: 'read leads' },
  { href: '/model', label: 'Model', needs: 'models.read', what: 'see the scoring model' },
  { href: '/analytics', label: 'Analytics', needs: 'analytics.read', what: 'see analytics' },
  { href: '/automation', label: 'Automation', needs: 'automation.read', what: 'see automation' },
  { href: '/import', label: 'Import', needs: 'data.import', what: 'import data' },
];

/** The pages under Settings, in the order of its tabs. */
export const SETTINGS: readonly Section[] = [
  { href: '/settings', label: 'Keys', needs: 'keys.manage', what: 'manage keys' },
  { href: '/settings/people', label: 'People', needs: 'users.manage', what: 'manage people' },
  { href: '/settings/audit', label: 'Audit', needs: 'audit.read', what: 'read the audit trail' },
];

export function can(workspace: Workspace | null, permission: Permission): boolean {
  return workspace?.permissions.includes(permission) ?? false;
}

/** The top navigation: the sections the role may use, then Settings when any of its tabs is. */
export function navigationOf(workspace: Workspace | null): { href: string; label: string }[] {
  if (!workspace) return [];
  const items = SECTIONS.filter(
    (s) => can(workspace, s.needs) && (!s.listedFor || s.listedFor.includes(workspace.role)),
  ).map(({ href, label }) => ({ href, label }));
  const settings = SETTINGS.filter((s) => can(workspace, s.needs));
  if (settings[0]) items.push({ href: settings[0].href, label: 'Settings' });
  return items;
}

/** The section a path belongs to (`/leads/abc` to Leads, `/settings/people` to People). */
export function sectionOf(path: string): Section | undefined {
  const clean = path.replace(/\/+$/, '') || '/';
  const settings = SETTINGS.find((s) => s.href === clean);
  if (settings) return settings;
  if (clean.startsWith('/settings')) return undefined;
  return SECTIONS.find((s) => clean === s.href || clean.startsWith(`${s.href}/`));
}

/** Null when the role may open `path`, else the sentence saying what it cannot do. */
export function refusalOf(path: string, workspace: Workspace | null): string | null {
  if (!workspace) return 'You are not a member of any workspace yet: ask an owner to invite you.';
  const section = sectionOf(path);
  if (!section || can(workspace, section.needs)) return null;
  return `Your role (${workspace.role}) cannot ${section.what} in ${workspace.name}.`;
}

/** Where a role starts: sales reps on their own leads, everyone else on the first page they may. */
export function landingOf(workspace: Workspace | null): string {
  if (!workspace) return '/leads';
  if (workspace.role === 'sales') return '/my-leads';
  return navigationOf(workspace)[0]?.href ?? '/leads';
}

/** The workspace kept from the last visit when the user still belongs to it, else the first. */
export function pickWorkspace(
  workspaces: readonly Workspace[],
  stored: string | null,
): Workspace | null {
  return workspaces.find((w) => w.id === stored) ?? workspaces[0] ?? null;
}

/**
 * Null when the signed-in person may record feedback, lifecycle moves and outcomes on a lead,
 * else why not (a sales rep only on the leads it owns: `owner` is its e-mail).
 */
export function actRefusalOf(
  workspace: Workspace | null,
  email: string | null,
  leadOwner: string | null,
): string | null {
  if (!workspace || !can(workspace, 'leads.act'))
    return `Your role (${workspace?.role ?? 'none'}) cannot record feedback or outcomes.`;
  if (workspace.role === 'sales' && leadOwner?.toLowerCase() !== email?.toLowerCase())
    return 'Only the lead’s owner records feedback and outcomes (sales reps act on their own leads).';
  return null;
}
