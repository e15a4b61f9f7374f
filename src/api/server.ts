// Runs the server: opens the store the configuration names, migrates it, makes the first
// workspace (printing its keys once), optionally seeds the demo, listens, and drains on SIGTERM.
import type { Config } from '../config.js';
import { seedDemo } from '../service/demo/seed-demo.js';
import { createWorkspaceWithKeys } from '../service/keys.js';
import { ActiveModels } from '../service/scoring/active-model.js';
import type { Store } from '../store/port.js';
import { buildApp } from './app.js';
import { openConfiguredStore } from './open-store.js';

export interface ServeOptions {
  port: number;
  host: string;
  /** The SQLite file when the configuration names no PostgreSQL database. */
  db: string;
  demo: boolean;
  log: (line: string) => void;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function startServer(config: Config, options: ServeOptions): Promise<RunningServer> {
  const store: Store = openConfiguredStore(config, options.db);
  const applied = await store.migrate();
  if (applied.length > 0) options.log(`migrations applied: ${applied.join(', ')}`);
  const models = new ActiveModels();
  const clock = () => Date.now();

  if ((await store.listWorkspaces()).length === 0) {
    const made = await createWorkspaceWithKeys(store, options.demo ? 'demo' : 'default', clock(), {
      admin: config.LEADSCORE_ADMIN_KEY,
      write: config.LEADSCORE_WRITE_KEY,
    });
    options.log(`created workspace "${made.workspace.name}" (${made.workspace.id})`);
    if (!config.LEADSCORE_ADMIN_KEY)
      options.log(`admin key (shown once, keep it): ${made.admin.secret}`);
    if (!config.LEADSCORE_WRITE_KEY)
      options.log(`write key (shown once, for Segment SDKs): ${made.write.secret}`);
    if (options.demo) {
      const seeded = await seedDemo(store, models, made.workspace.id, clock(), undefined, (step) =>
        options.log(`demo: ${step}`),
      );
      options.log(
        `demo: ${seeded.leads} leads, ${seeded.events} events, model version ${seeded.version} active`,
      );
    }
  }

  const app = await buildApp({
    store,
    models,
    clock,
    writeKeyRateLimit: config.LEADSCORE_WRITE_KEY_RATE_LIMIT,
  });
  const url = await app.listen({ port: options.port, host: options.host });
  options.log(
    `leadscore listening on ${url} (${config.DATABASE_URL ? 'PostgreSQL' : `SQLite ${options.db}`}); API reference at ${url}/docs`,
  );
  return {
    url,
    // Fastify's close stops accepting connections and waits for in-flight requests.
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}
