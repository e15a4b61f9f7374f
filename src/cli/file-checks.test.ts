// checkInputs / checkOutputs and fileErrorMessage: one line saying which file and what is wrong.
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkInputs, checkOutputs, fileErrorMessage } from './file-checks.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leadscore-files-'));
  await writeFile(join(dir, 'a.csv'), 'id\n');
  await mkdir(join(dir, 'sub'));
});

describe('checkInputs', () => {
  it('passes readable files and skips options not given', async () => {
    await expect(checkInputs([join(dir, 'a.csv'), undefined])).resolves.toBeUndefined();
  });

  it('names a missing file, a folder, a path through a file', async () => {
    const missing = join(dir, 'nope.csv');
    await expect(checkInputs([join(dir, 'a.csv'), missing])).rejects.toThrow(
      `cannot read ${missing}: no such file`,
    );
    await expect(checkInputs([join(dir, 'sub')])).rejects.toThrow(
      `cannot read ${join(dir, 'sub')}: it is a directory`,
    );
    const through = join(dir, 'a.csv', 'x');
    await expect(checkInputs([through])).rejects.toThrow(
      `cannot read ${through}: a part of its path is not a directory`,
    );
  });
});

describe('checkOutputs', () => {
  it('passes a new file in a folder, and an existing file', async () => {
    await expect(checkOutputs([join(dir, 'new.csv'), join(dir, 'a.csv')])).resolves.toBeUndefined();
    expect(await readFile(join(dir, 'a.csv'), 'utf8')).toBe('id\n');
  });

  it('names a missing folder, a folder as the file, a file as the folder', async () => {
    const deep = join(dir, 'no', 'out.csv');
    await expect(checkOutputs([deep])).rejects.toThrow(
      `cannot write ${deep}: no such directory ${join(dir, 'no')}`,
    );
    await expect(checkOutputs([join(dir, 'sub')])).rejects.toThrow(
      `cannot write ${join(dir, 'sub')}: it is a directory`,
    );
    await expect(checkOutputs([join(dir, 'a.csv', 'out.csv')])).rejects.toThrow(
      `cannot write ${join(dir, 'a.csv', 'out.csv')}: ${join(dir, 'a.csv')} is not a directory`,
    );
  });
});

describe('fileErrorMessage', () => {
  it('puts a file system error in words, with its path', async () => {
    const error = await readFile(join(dir, 'gone.csv')).catch((e: unknown) => e);
    expect(fileErrorMessage(error)).toBe(`cannot open ${join(dir, 'gone.csv')}: no such file`);
    const made = await mkdir(join(dir, 'a.csv', 'x')).catch((e: unknown) => e);
    expect(fileErrorMessage(made)).toBe(
      `cannot write ${join(dir, 'a.csv', 'x')}: a part of its path is not a directory`,
    );
  });

  it('leaves other errors alone', () => {
    expect(fileErrorMessage(new Error('boom'))).toBeUndefined();
    expect(fileErrorMessage('text')).toBeUndefined();
  });
});
