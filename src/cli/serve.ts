// `leadscore serve`: the HTTP server with its embedded SQLite database, or PostgreSQL.
import { Command, InvalidArgumentError } from 'commander';
import { startServer } from '../api/server.js';
import { readConfig } from '../config.js';

interface ServeFlags {
  port?: number;
  host?: string;
  db: string;
  demo?: boolean;
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError(`expected a port number, got "${value}"`);
  return n;
}

export function serveCommand(): Command {
  return new Command('serve')
    .description('Run the scoring server (SQLite file by default; PostgreSQL with DATABASE_URL)')
    .option('--port <port>', 'port to listen on (default: PORT or 4000)', parsePort)
    .option('--host <host>', 'address to listen on (default: HOST or 127.0.0.1)')
    .option('--db <file>', 'SQLite database file', './leadscore.db')
    .option(
      '--demo',
      'on a new database: the example model, a few thousand synthetic leads with months of activity, and a user of every role sharing one password',
    )
    .action(async (flags: ServeFlags) => {
      const config = readConfig();
      const log = (line: string) => process.stderr.write(`${line}\n`);
      const server = await startServer(config, {
        port: flags.port ?? config.PORT ?? 4000,
        host: flags.host ?? config.HOST ?? '127.0.0.1',
        db: flags.db,
        demo: flags.demo === true,
        log,
      });
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          log(`${signal}: finishing in-flight requests`);
          void server.close().then(resolve);
        };
        process.once('SIGTERM', () => stop('SIGTERM'));
        process.once('SIGINT', () => stop('SIGINT'));
      });
    });
}
