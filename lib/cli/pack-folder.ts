/**
 * The file-system side of the authoring format: compile and decompile work on maps of
 * filename → text, and only this file touches the disk.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Top-level text files of a pack folder (pack.yaml and *.md); subfolders are not read. */
export async function readPackFolder(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = new Map<string, string>();
  for (const e of entries) {
    if (e.isFile() && /\.(md|ya?ml)$/i.test(e.name)) files.set(e.name, await readFile(join(dir, e.name), 'utf8'));
  }
  return files;
}

export async function writePackFolder(dir: string, files: ReadonlyMap<string, string>): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, text] of files) await writeFile(join(dir, name), text, { flag: 'wx' });
}

/** True if `dir` is missing or has nothing in it (hidden files count: `.git` means in use). */
export async function isEmptyFolder(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw e;
  }
}
