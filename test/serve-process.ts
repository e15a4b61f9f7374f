// `leadscore serve` as a child process for end-to-end tests: started on a free port with the
// given environment, its address read from the log (stderr), its request log (stdout) kept,
// stopped by a signal.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './run-cli.js';

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  log(): string;
  /** What it wrote on stdout: the JSON request log. */
  output(): string;
  /** Sends the signal and resolves with the exit code (null when killed by it). */
  stop(signal: NodeJS.Signals): Promise<number | null>;
}

export function startServe(
  db: string,
  env: Record<string, string>,
  args: readonly string[] = [],
): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin/leadscore.js'), 'serve', '--db', db, '--port', '0', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  let log = '';
  let output = '';
  // Read as it comes, so that a full pipe never blocks the server.
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      log += d;
      const url = /listening on (http:\/\/\S+)/.exec(log)?.[1];
      if (url)
        resolve({
          child,
          url,
          log: () => log,
          output: () => output,
          stop: (signal) => {
            child.kill(signal);
            return exited;
          },
        });
    });
    void exited.then((code) => reject(new Error(`serve exited with ${code}: ${log}`)));
  });
}
