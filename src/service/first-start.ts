// What `serve` makes and says on a database's first start: the first workspace and its write key,
// the demo and its users with `--demo`, and (once listening, when the address is known) the first
// owner's one-time sign-in link, or how to sign in to a demo seeded before.
import type { Store } from '../store/port.js';
import {
  DEFAULT_DEMO_PASSWORD,
  DEMO_USERS,
  hasDemoUsers,
  seedDemoUsers,
} from './demo/demo-users.js';
import { seedDemo } from './demo/seed-demo.js';
import { createFirstWorkspace } from './first-workspace.js';
import type { ActiveModels } from './scoring/active-model.js';
import { ensureFirstOwner } from './users/first-owner.js';

export interface FirstStartOptions {
  now: number;
  demo: boolean;
  /** LEADSCORE_ADMIN_KEY / LEADSCORE_WRITE_KEY: keys given for automation. */
  adminKey: string | undefined;
  writeKey: string | undefined;
  /** LEADSCORE_DEMO_PASSWORD. */
  demoPassword: string | undefined;
  log: (line: string) => void;
}

/** What the database was at start: made now (`fresh`, `demo`) or found (`existing`). */
export type StartedWith = 'fresh' | 'demo' | 'existing';

/** Before listening: the first workspace (and the demo) on a database that has none. */
export async function prepareFirstStart(
  store: Store,
  models: ActiveModels,
  options: FirstStartOptions,
): Promise<StartedWith> {
  const { log, now } = options;
  if ((await store.listWorkspaces()).length > 0) return 'existing';
  const made = await createFirstWorkspace(store, options.demo ? 'demo' : 'default', now, {
    admin: options.adminKey,
    write: options.writeKey,
  });
  const ws = made.workspace.id;
  log(`created workspace "${made.workspace.name}" (${ws})`);
  if (!options.writeKey) log(`write key (shown once, for Segment SDKs): ${made.write.secret}`);
  if (!options.demo) return 'fresh';
  const seeded = await seedDemo(store, models, ws, now, undefined, (step) => log(`demo: ${step}`));
  log(
    `demo: ${seeded.leads} leads, ${seeded.events} events, model version ${seeded.version} active`,
  );
  const password = options.demoPassword ?? DEFAULT_DEMO_PASSWORD;
  const people = await seedDemoUsers(store, ws, now, password);
  log(`demo: users ${people.users.map((u) => `${u.email} (${u.role})`).join(', ')}`);
  const owned = Object.entries(people.owned).map(([email, n]) => `${email} owns ${n}`);
  log(`demo: the sales reps own the hottest leads: ${owned.join(', ')}`);
  log(`demo: password of every demo user: ${password}`);
  return 'demo';
}

/** Once listening at `publicUrl`: the first owner's link, or how to sign in to an earlier demo. */
export async function announceSignIn(
  store: Store,
  startedWith: StartedWith,
  options: { demo: boolean; now: number; ownerEmail: string | undefined; publicUrl: string },
  log: (line: string) => void,
): Promise<void> {
  const first = (await store.listWorkspaces())[0];
  if (options.demo && startedWith === 'existing' && first) {
    if (await hasDemoUsers(store, first.id))
      log(
        `demo: this database was already seeded; sign in at ${options.publicUrl} as ${DEMO_USERS.map((u) => u.email).join(', ')} with the demo password (LEADSCORE_DEMO_PASSWORD when it was seeded, else ${DEFAULT_DEMO_PASSWORD})`,
      );
    else
      log(
        'demo: this database already has data, so --demo added nothing (it seeds only a new one)',
      );
  }
  const owner = await ensureFirstOwner(store, {
    email: options.ownerEmail,
    now: options.now,
    publicUrl: options.publicUrl,
  });
  if (!owner) return;
  log(`first owner ${owner.email}: sign in within 24 hours with this one-time link (shown once):`);
  log(`  ${owner.link.url}`);
  log(
    'Set LEADSCORE_OWNER_EMAIL to choose the address; for a new link run `leadscore users link EMAIL` on this machine.',
  );
}
