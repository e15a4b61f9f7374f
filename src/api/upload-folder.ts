// An import's uploads on disk: a private temporary folder (mode 0700, files 0600) that each
// upload is streamed into without being held in memory, under one size limit for the whole
// request, and removed once the import is done with it.
import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ApiError } from './errors.js';

/** LEADSCORE_IMPORT_MAX_BYTES when unset: 2 GiB a request. */
export const DEFAULT_IMPORT_MAX_BYTES = 2 * 1024 ** 3;

export function tooLarge(maxBytes: number, field: string): ApiError {
  const message = `${field}: over the import size limit of ${maxBytes} bytes a request (LEADSCORE_IMPORT_MAX_BYTES)`;
  return new ApiError('payload_too_large', message, [{ field, message, limit: maxBytes }]);
}

const PREFIX = 'leadscore-import-';

/**
 * Removes the upload folders under `parent` that processes left behind when they died (killed
 * mid-import): those whose pid is not alive, or is this process's own (a process before it had
 * it). Call when the server starts, before it makes any; answers how many it removed.
 */
export async function sweepUploadFolders(
  parent = tmpdir(),
  isAlive: (pid: number) => boolean = processAlive,
): Promise<number> {
  let removed = 0;
  for (const name of await readdir(parent).catch(() => [])) {
    const pid = /^leadscore-import-(\d+)-/.exec(name)?.[1];
    if (pid === undefined || (Number(pid) !== process.pid && isAlive(Number(pid)))) continue;
    await rm(join(parent, name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class UploadFolder {
  private used = 0;

  private constructor(
    readonly dir: string,
    private readonly maxBytes: number,
  ) {}

  /** A new private folder under `parent` (the system's temporary folder by default). */
  static async make(maxBytes: number, parent = tmpdir()): Promise<UploadFolder> {
    // mkdtemp makes the folder readable by its owner only (0700). The pid in its name lets a
    // later start remove it when this process died before it could (see sweepUploadFolders).
    return new UploadFolder(await mkdtemp(join(parent, `${PREFIX}${process.pid}-`)), maxBytes);
  }

  /**
   * Streams `body` into the folder's file `fileName` (a name this code chose, not the user's);
   * answers its path and size. Past the request's limit it stops with a 413 naming `field`.
   */
  async save(
    body: Readable,
    fileName: string,
    field: string,
  ): Promise<{ path: string; bytes: number }> {
    const path = join(this.dir, fileName);
    let bytes = 0;
    const count = new Transform({
      transform: (chunk: Buffer, _encoding, next) => {
        bytes += chunk.length;
        this.used += chunk.length;
        if (this.used > this.maxBytes) next(tooLarge(this.maxBytes, field));
        else next(null, chunk);
      },
    });
    // Through a stream of its own: on an error the pipeline destroys its source, and the body
    // (the request) must live on to carry the answer.
    const source = new PassThrough();
    body.pipe(source);
    body.once('error', (error) => source.destroy(error));
    try {
      await pipeline(source, count, createWriteStream(path, { mode: 0o600, flags: 'wx' }));
    } finally {
      body.unpipe(source);
    }
    return { path, bytes };
  }

  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
