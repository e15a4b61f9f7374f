// `leadscore users`: people and their roles in a workspace, from the server's machine — the way
// the first owner is made by hand and a locked-out owner gets back in (a new one-time link).
import { Command, InvalidArgumentError } from 'commander';
import { openConfiguredStore } from '../api/open-store.js';
import { readConfig, type Config } from '../config.js';
import type { Store } from '../store/port.js';
import { recordingAudit } from '../service/users/audited.js';
import {
  createUserWithPassword,
  inviteUser,
  issueSignInLink,
  listUsers,
  memberByEmail,
  normalizeEmail,
  publicUrlOf,
  ROLES,
  type Role,
  removeFromWorkspace,
  setDisabled,
  setRole,
  UsersError,
  type IssuedLink,
  type TeamStore,
} from '../service/users/index.js';
import { checkInputs } from './file-checks.js';
import { reportUserError } from './user-error.js';
import { workspaceOf } from './workspace-of.js';
import { readStdin } from './read-stdin.js';

interface DbFlags {
  db: string;
  workspace?: string;
}

function parseRole(value: string): Role {
  if ((ROLES as readonly string[]).includes(value)) return value as Role;
  throw new InvalidArgumentError(`expected one of ${ROLES.join(', ')}, got "${value}"`);
}

interface Context {
  store: Store;
  ws: string;
  workspaceName: string;
  config: Config;
  now: number;
  /** The store whose transaction records this command's change in the audit trail. */
  audited(action: string, email: string, summary: Record<string, unknown>): TeamStore;
}

/** Opens the database, finds the workspace, runs the command; a user's mistake is one line. */
async function withWorkspace(flags: DbFlags, run: (c: Context) => Promise<void>): Promise<void> {
  const config = readConfig();
  let store: Store | undefined;
  try {
    if (!config.DATABASE_URL) await checkInputs([flags.db]);
    store = openConfiguredStore(config, flags.db);
    await store.migrate();
    const opened = store;
    const ws = await workspaceOf(opened, flags.workspace).catch((error: Error) => {
      throw new UsersError('not_found', error.message);
    });
    const workspaceName = (await opened.getWorkspace(ws))?.name ?? ws;
    const now = Date.now();
    await run({
      store: opened,
      ws,
      workspaceName,
      config,
      now,
      audited: (action, email, summary) =>
        recordingAudit(opened, ws, {
          at: now,
          actorKind: 'cli',
          actorId: null,
          actorName: 'cli',
          ip: null,
          action,
          target: `user:${normalizeEmail(email)}`,
          summary,
        }),
    });
  } catch (error) {
    process.exitCode = reportUserError(error);
  } finally {
    await store?.close();
  }
}

function publicUrl(config: Config): string {
  return publicUrlOf(config.LEADSCORE_PUBLIC_URL, config.PORT ?? 4000);
}

function printLink(email: string, link: IssuedLink): void {
  process.stdout.write(
    `one-time sign-in link for ${email}, valid until ${new Date(link.expiresAt).toISOString()} (24 h):\n${link.url}\n`,
  );
  process.stderr.write('The link is shown once and works once; only its hash is stored.\n');
}

function dbOptions(command: Command): Command {
  return command
    .option('--workspace <id|name>', 'the workspace (needed when the database has several)')
    .option('--db <file>', 'SQLite database file (ignored with DATABASE_URL)', './leadscore.db');
}

function createCommand(): Command {
  return dbOptions(
    new Command('create')
      .description(
        'Add a user (or a role to an existing user) and print a one-time sign-in link (valid 24 hours)',
      )
      .argument('<email>', 'the e-mail address the user signs in with')
      .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`, parseRole)
      .option('--password-stdin', 'set the password read from standard input instead of a link'),
  ).action(async (email: string, flags: DbFlags & { role: Role; passwordStdin?: boolean }) => {
    await withWorkspace(flags, async (c) => {
      const store = c.audited('user.invite', email, {
        after: { role: flags.role },
        signIn: flags.passwordStdin ? 'password' : 'link',
      });
      if (flags.passwordStdin) {
        const password = await readStdin();
        const user = await createUserWithPassword(store, {
          workspaceId: c.ws,
          email,
          role: flags.role,
          password,
          now: c.now,
        });
        process.stdout.write(
          `${user.email} is ${user.role} in workspace "${c.workspaceName}" and can sign in with the password\n`,
        );
        return;
      }
      const made = await inviteUser(store, {
        workspaceId: c.ws,
        email,
        role: flags.role,
        now: c.now,
        publicUrl: publicUrl(c.config),
      });
      process.stdout.write(
        `${made.user.email} is ${made.user.role} in workspace "${c.workspaceName}"\n`,
      );
      printLink(made.user.email, made.link);
    });
  });
}

function date(at: number | null): string {
  return at === null ? 'never' : new Date(at).toISOString();
}

function listCommand(): Command {
  return dbOptions(new Command('list').description("The workspace's users and their roles")).action(
    async (flags: DbFlags) => {
      await withWorkspace(flags, async (c) => {
        const rows = (await listUsers(c.store, c.ws)).map((u) => [
          u.email,
          u.role,
          u.disabled ? 'disabled' : 'active',
          date(u.lastSignInAt),
        ]);
        const table = [['EMAIL', 'ROLE', 'STATUS', 'LAST SIGN-IN'], ...rows];
        const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
        for (const row of table)
          process.stdout.write(
            `${row
              .map((cell, i) => cell.padEnd(widths[i]!))
              .join('  ')
              .trimEnd()}\n`,
          );
        if (rows.length === 0)
          process.stderr.write(`workspace "${c.workspaceName}" has no users yet\n`);
      });
    },
  );
}

function setRoleCommand(): Command {
  return dbOptions(
    new Command('set-role')
      .description("Change a user's role in the workspace (ends the user's sessions)")
      .argument('<email>')
      .argument('<role>', `one of ${ROLES.join(', ')}`, parseRole),
  ).action(async (email: string, role: Role, flags: DbFlags) => {
    await withWorkspace(flags, async (c) => {
      const before = await memberByEmail(c.store, c.ws, email);
      const store = c.audited('user.role_change', email, {
        before: { role: before.role },
        after: { role },
      });
      const user = await setRole(store, c.ws, before.id, role, c.now);
      process.stdout.write(`${user.email} is ${user.role} in workspace "${c.workspaceName}"\n`);
    });
  });
}

function disableCommand(name: 'disable' | 'enable'): Command {
  const disabled = name === 'disable';
  return dbOptions(
    new Command(name)
      .description(
        disabled
          ? 'Stop a user from signing in (ends its sessions; the account and its roles stay)'
          : 'Let a disabled user sign in again',
      )
      .argument('<email>'),
  ).action(async (email: string, flags: DbFlags) => {
    await withWorkspace(flags, async (c) => {
      const before = await memberByEmail(c.store, c.ws, email);
      const store = c.audited(`user.${name}`, email, {
        before: { disabled: before.disabled },
        after: { disabled },
      });
      const user = await setDisabled(store, c.ws, before.id, disabled, c.now);
      process.stdout.write(`${user.email} is ${user.disabled ? 'disabled' : 'active'}\n`);
    });
  });
}

function removeCommand(): Command {
  return dbOptions(
    new Command('remove')
      .description('Remove a user from the workspace (ends its sessions)')
      .argument('<email>'),
  ).action(async (email: string, flags: DbFlags) => {
    await withWorkspace(flags, async (c) => {
      const before = await memberByEmail(c.store, c.ws, email);
      const store = c.audited('user.remove', email, { before: { role: before.role } });
      const user = await removeFromWorkspace(store, c.ws, before.id);
      process.stdout.write(`${user.email} is no longer in workspace "${c.workspaceName}"\n`);
    });
  });
}

function linkCommand(): Command {
  return dbOptions(
    new Command('link')
      .description(
        'Print a new one-time sign-in link for a user (valid 24 h): a locked-out owner gets back in',
      )
      .argument('<email>'),
  ).action(async (email: string, flags: DbFlags) => {
    await withWorkspace(flags, async (c) => {
      const store = c.audited('user.link', email, {});
      const link = await issueSignInLink(store, {
        workspaceId: c.ws,
        email,
        now: c.now,
        publicUrl: publicUrl(c.config),
      });
      printLink(normalizeEmail(email), link);
    });
  });
}

export function usersCommand(): Command {
  return new Command('users')
    .description("Manage the people of a workspace and their roles (on the server's machine)")
    .addCommand(createCommand())
    .addCommand(listCommand())
    .addCommand(setRoleCommand())
    .addCommand(disableCommand('disable'))
    .addCommand(disableCommand('enable'))
    .addCommand(removeCommand())
    .addCommand(linkCommand());
}
