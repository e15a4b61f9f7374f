// The first owner of a database that has no users yet (a fresh one, or one from before users
// existed): made owner of every workspace and given a one-time sign-in link, instead of an admin
// key printed at start.
import { StoreError } from '../../store/errors.js';
import { normalizeEmail } from './email.js';
import { addLink, type IssuedLink } from './sign-in-links.js';
import type { TeamStore } from './team-store.js';

/** Where the first owner's link goes when LEADSCORE_OWNER_EMAIL is unset (RFC 6761 `.localhost`). */
export const DEFAULT_OWNER_EMAIL = 'owner@leadscore.localhost';

export interface FirstOwner {
  email: string;
  link: IssuedLink;
}

/**
 * Makes the first owner when the database has no user at all; undefined when it has one (or
 * another server made it at the same moment).
 */
export async function ensureFirstOwner(
  store: TeamStore & { listWorkspaces(): Promise<{ id: string }[]> },
  input: { email: string | undefined; now: number; publicUrl: string },
): Promise<FirstOwner | undefined> {
  const email = normalizeEmail(input.email ?? DEFAULT_OWNER_EMAIL);
  const workspaces = await store.listWorkspaces();
  try {
    return await store.transaction(async (tx) => {
      if ((await tx.countUsers()) > 0) return undefined;
      const user = await tx.createUser({ email, passwordHash: null, now: input.now });
      for (const w of workspaces) await tx.setMembership(w.id, user.id, 'owner', input.now);
      return { email, link: await addLink(tx, user.id, 'invite', input.now, input.publicUrl) };
    });
  } catch (error) {
    if (error instanceof StoreError && error.code === 'conflict') return undefined;
    throw error;
  }
}
