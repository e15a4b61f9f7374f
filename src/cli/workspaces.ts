// `leadscore workspaces`: add a workspace to the server's database and print its keys once.
import { Command } from 'commander';
import { readConfig } from '../config.js';
import { createWorkspaceWithKeys } from '../service/keys.js';
import { openConfiguredStore } from '../api/open-store.js';
import { checkOutputs } from './file-checks.js';
import { reportUserError } from './user-error.js';

export function workspacesCommand(): Command {
  const workspaces = new Command('workspaces').description(
    'Manage workspaces (each has its own leads, models and keys)',
  );
  workspaces
    .command('create')
    .description('Create a workspace and print its admin key and write key (shown once)')
    .argument('<name>', 'a name people will recognise')
    .option('--db <file>', 'SQLite database file (ignored with DATABASE_URL)', './leadscore.db')
    .action(async (name: string, flags: { db: string }) => {
      const config = readConfig();
      try {
        if (!config.DATABASE_URL) await checkOutputs([flags.db]);
      } catch (error) {
        process.exitCode = reportUserError(error);
        return;
      }
      const store = openConfiguredStore(config, flags.db);
      try {
        await store.migrate();
        const made = await createWorkspaceWithKeys(store, name, Date.now());
        process.stdout.write(
          `workspace "${made.workspace.name}" ${made.workspace.id}\nadmin key: ${made.admin.secret}\nwrite key: ${made.write.secret}\n`,
        );
        process.stderr.write('The keys are shown once; only their hashes are stored.\n');
      } finally {
        await store.close();
      }
    });
  return workspaces;
}
