// An import's upload folder: private to its owner, its files too, a limit over the whole
// request (a 413 naming the field), and nothing left once removed.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ApiError } from './errors.js';
import { sweepUploadFolders, UploadFolder } from './upload-folder.js';

const parent = () => mkdtempSync(join(tmpdir(), 'leadscore-upload-test-'));
const chunks = (...parts: string[]) => Readable.from(parts.map((p) => Buffer.from(p)));

describe('an upload folder', () => {
  it('is readable by its owner only, as are its files', async () => {
    const folder = await UploadFolder.make(100, parent());
    expect(statSync(folder.dir).mode & 0o777).toBe(0o700);
    const saved = await folder.save(chunks('id,name\n', 'L1,Ada\n'), 'leads.csv', 'leads');
    expect(saved).toEqual({ path: join(folder.dir, 'leads.csv'), bytes: 15 });
    expect(statSync(saved.path).mode & 0o777).toBe(0o600);
    expect(readFileSync(saved.path, 'utf8')).toBe('id,name\nL1,Ada\n');
    await folder.remove();
    expect(existsSync(folder.dir)).toBe(false);
  });

  it('refuses what goes past the limit of the whole request, naming the field', async () => {
    const folder = await UploadFolder.make(20, parent());
    await folder.save(chunks('0123456789'), 'leads.csv', 'leads');
    const error = await folder
      .save(chunks('01234', '56789', 'x'), 'events.csv', 'events')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'payload_too_large', statusCode: 413 });
    expect((error as ApiError).message).toMatch(/^events: over the import size limit of 20 bytes/);
    await folder.remove();
  });

  it('never writes over a file it already has', async () => {
    const folder = await UploadFolder.make(100, parent());
    await folder.save(chunks('a'), 'map.yaml', 'map');
    await expect(folder.save(chunks('b'), 'map.yaml', 'map')).rejects.toThrow(/EEXIST/);
    await folder.remove();
  });

  it('is removed at the next start when its process died before removing it', async () => {
    const dir = parent();
    const own = await UploadFolder.make(100, dir);
    expect(own.dir).toContain(`leadscore-import-${process.pid}-`);
    for (const name of ['leadscore-import-41-aaaaaa', 'leadscore-import-42-bbbbbb', 'other-42-x'])
      mkdirSync(join(dir, name));
    // 42 is alive (another server's upload); 41 died; our own pid is a process before us.
    const removed = await sweepUploadFolders(dir, (pid) => pid === 42);
    expect(removed).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['leadscore-import-42-bbbbbb', 'other-42-x']);
  });
});
