// Start-up failures that are the setup's fault, not a bug (a database that cannot be reached or
// opened, a port in use): told in one line that names the setting, without a stack trace.

export class StartupError extends Error {
  override name = 'StartupError';
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'unknown host',
  EAI_AGAIN: 'the host name could not be resolved',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

/** PostgreSQL's answers about the connection itself: a bad password or role, no such database. */
const SETUP_SQLSTATE = /^(28|3D)/;

/** SQLite's answers about the file: cannot be opened, not a database, read-only, damaged. */
const SQLITE_FILE_CODES = /^SQLITE_(CANTOPEN|NOTADB|READONLY|PERM|CORRUPT|IOERR|AUTH)/;

function codeOf(error: unknown): string | undefined {
  const { code, errors } = (error ?? {}) as { code?: unknown; errors?: unknown };
  if (typeof code === 'string') return code;
  // Node's AggregateError when each address of a host name refused.
  return Array.isArray(errors) ? codeOf(errors[0]) : undefined;
}

/** host:port/database of a PostgreSQL URL, leaving out the user and password. */
function postgresPlace(url: string): string {
  try {
    const { hostname, port, pathname } = new URL(url);
    return `${hostname}:${port || '5432'}${pathname}`;
  } catch {
    return 'the server';
  }
}

/** The store could not be opened or migrated: a StartupError when the setup is at fault. */
export function storeStartupError(
  error: unknown,
  where: { databaseUrl: string } | { sqliteFile: string },
): StartupError | undefined {
  const code = codeOf(error);
  if (code === undefined) return undefined;
  const message = error instanceof Error ? error.message : String(error);
  if ('sqliteFile' in where) {
    return SQLITE_FILE_CODES.test(code)
      ? new StartupError(`cannot open the SQLite database ${where.sqliteFile} (--db): ${message}`)
      : undefined;
  }
  const place = `the PostgreSQL database at ${postgresPlace(where.databaseUrl)} (DATABASE_URL)`;
  const reason = NETWORK_REASONS[code];
  if (reason) return new StartupError(`cannot connect to ${place}: ${reason}`);
  if (SETUP_SQLSTATE.test(code)) return new StartupError(`cannot use ${place}: ${message}`);
  return undefined;
}

const LISTEN_REASONS: Record<string, string> = {
  EADDRINUSE: 'the port is already in use (another server running?)',
  EACCES: 'permission denied (ports below 1024 need privileges)',
  EADDRNOTAVAIL: 'this machine has no such address',
  ENOTFOUND: 'unknown host',
  EAI_AGAIN: 'the host name could not be resolved',
};

/** Listening failed: a StartupError when the address is at fault. */
export function listenStartupError(
  error: unknown,
  host: string,
  port: number,
): StartupError | undefined {
  const reason = LISTEN_REASONS[codeOf(error) ?? ''];
  return reason
    ? new StartupError(`cannot listen on ${host}:${port} (--port, --host): ${reason}`)
    : undefined;
}
