// The demo's people: one user of every role, sharing one documented password, and two sales reps
// who each own a share of the hot leads (a lead's owner is the rep's e-mail).
import type { Role } from '../../store/team-records.js';
import type { Store } from '../../store/port.js';
import { hashPassword } from '../auth/passwords.js';
import { ownerChanged } from '../changes/notifications-of.js';

/** The demo users' password when LEADSCORE_DEMO_PASSWORD is unset: documented, never secret. */
export const DEFAULT_DEMO_PASSWORD = 'leadscore-demo-password';

export const DEMO_USERS: readonly { email: string; role: Role }[] = [
  { email: 'owner@example.com', role: 'owner' },
  { email: 'marketer@example.com', role: 'marketer' },
  { email: 'sales1@example.com', role: 'sales' },
  { email: 'sales2@example.com', role: 'sales' },
  { email: 'viewer@example.com', role: 'viewer' },
];

/** The hottest leads handed over to the reps, alternately; the rest stay unassigned. */
export const DEMO_OWNED_LEADS = 120;

export interface DemoUsers {
  users: readonly { email: string; role: Role }[];
  /** Leads owned per sales rep's e-mail. */
  owned: Record<string, number>;
}

export async function seedDemoUsers(
  store: Store,
  ws: string,
  now: number,
  password: string,
): Promise<DemoUsers> {
  const passwordHash = await hashPassword(password);
  const reps = DEMO_USERS.filter((u) => u.role === 'sales').map((u) => u.email);
  const hot = await store.listLeads(ws, {
    sort: 'score',
    direction: 'desc',
    limit: DEMO_OWNED_LEADS,
  });
  // A rep's book is believable when it mixes the very hottest leads with warm ones: alternate.
  const owners = hot.items.map((item, i) => ({
    leadId: item.lead.id,
    owner: reps[i % reps.length] ?? null,
  }));
  await store.transaction(async (tx) => {
    for (const { email, role } of DEMO_USERS) {
      const user = await tx.createUser({ email, passwordHash, now });
      await tx.setMembership(ws, user.id, role, now);
    }
    await tx.setLeadOwners(ws, owners, now);
    await tx.enqueueNotifications(
      ws,
      owners.map((o) => ownerChanged(o.leadId, now)),
    );
  });
  const owned: Record<string, number> = {};
  for (const { owner } of owners) if (owner) owned[owner] = (owned[owner] ?? 0) + 1;
  return { users: DEMO_USERS, owned };
}

/** True when the demo's owner is a member of the workspace: `--demo` ran on this database. */
export async function hasDemoUsers(store: Store, ws: string): Promise<boolean> {
  const owner = await store.findUserByEmail(DEMO_USERS[0]!.email);
  return owner !== undefined && (await store.membership(ws, owner.id)) !== undefined;
}
