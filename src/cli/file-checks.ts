// A command's files checked before it starts — inputs readable, outputs writable — so that a
// mistyped path is one line ("cannot read leads.csv: no such file"), not a stack trace, and a
// long run (train) does not fail at its very end for want of its output folder.
import { access, constants, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/** A file the command cannot read or write; its message is the whole story. */
export class FileCheckError extends Error {
  readonly code = 'file_error';
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of its path is not a directory',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
  ENOSPC: 'no space left on the device',
  EROFS: 'the file system is read-only',
};

function errnoOf(error: unknown): NodeJS.ErrnoException | undefined {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string'
    ? (error as NodeJS.ErrnoException)
    : undefined;
}

/** A file system error in a few words: "no such file", "permission denied", ... */
export function fileReason(error: unknown): string {
  const errno = errnoOf(error);
  return (errno?.code && REASONS[errno.code]) ?? (error as Error).message;
}

const WRITING = new Set(['write', 'mkdir', 'rename', 'unlink', 'copyfile']);

/**
 * The one-line message of a file system error met while running ("cannot read x: no such
 * file"), or undefined for an error that is not about a named file.
 */
export function fileErrorMessage(error: unknown): string | undefined {
  const errno = errnoOf(error);
  if (errno?.path === undefined) return undefined;
  const verb = WRITING.has(errno.syscall ?? '')
    ? 'write'
    : errno.syscall === 'open'
      ? 'open'
      : 'read';
  return `cannot ${verb} ${errno.path}: ${fileReason(errno)}`;
}

/** Each given file exists, is a file and can be read. */
export async function checkInputs(paths: readonly (string | undefined)[]): Promise<void> {
  for (const path of paths) {
    if (path === undefined) continue;
    try {
      if ((await stat(path)).isDirectory()) throw new FileCheckError('it is a directory');
      await access(path, constants.R_OK);
    } catch (error) {
      throw new FileCheckError(`cannot read ${path}: ${problemOf(error)}`);
    }
  }
}

/** Each given file can be written: its folder exists and it is not itself a folder. */
export async function checkOutputs(paths: readonly (string | undefined)[]): Promise<void> {
  for (const path of paths) {
    if (path === undefined) continue;
    try {
      await checkOutput(path);
    } catch (error) {
      throw new FileCheckError(`cannot write ${path}: ${problemOf(error)}`);
    }
  }
}

async function checkOutput(path: string): Promise<void> {
  const existing = await stat(path).catch((error: unknown) => {
    // Not there, or a part of its path is a file: the folder check below says which.
    if (['ENOENT', 'ENOTDIR'].includes(errnoOf(error)?.code ?? '')) return undefined;
    throw error;
  });
  if (existing?.isDirectory()) throw new FileCheckError('it is a directory');
  if (existing) return access(path, constants.W_OK);
  const folder = dirname(path);
  const parent = await stat(folder).catch((error: unknown) => {
    throw new FileCheckError(
      errnoOf(error)?.code === 'ENOENT' ? `no such directory ${folder}` : fileReason(error),
    );
  });
  if (!parent.isDirectory()) throw new FileCheckError(`${folder} is not a directory`);
  await access(folder, constants.W_OK);
}

function problemOf(error: unknown): string {
  return error instanceof FileCheckError ? error.message : fileReason(error);
}
