// Starts a batch thread from its module next to this one, from the built JavaScript or, in
// tests and under tsx, from the TypeScript source (which needs tsx's loader).
import { Worker } from 'node:worker_threads';

export function startThread(name: string, workerData: unknown): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  return new Worker(new URL(`./${name}.${fromSource ? 'ts' : 'js'}`, import.meta.url), {
    workerData,
    ...(fromSource ? { execArgv: ['--import', 'tsx'] } : {}),
  });
}

/** The thread's one result message, or its error; a thread that ends without one is an error. */
export function resultOf<T>(
  worker: Worker,
  onMessage?: (message: unknown) => T | undefined,
): Promise<T> {
  return new Promise((resolve, reject) => {
    let result: T | undefined;
    worker.on('message', (message: unknown) => {
      const value = onMessage ? onMessage(message) : (message as T);
      if (value !== undefined) result = value;
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (result !== undefined) resolve(result);
      else reject(new Error(`a batch thread stopped (exit code ${code}) before it finished`));
    });
  });
}
