/**
 * The disk side of `cuecard studio`: read a pack folder's text files and write one back.
 * Every path is checked against the contract's FilePath (no `..`, no absolute paths, only
 * pack.yaml, *.md and snapshots/*.json), then resolved and checked to stay in the folder.
 */
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import * as v from 'valibot';
import { FilePath, type PackFiles } from './contract';

const isPackFile = (name: string) => v.is(FilePath, name);

export async function readStudioFolder(dir: string): Promise<PackFiles> {
  const files: PackFiles = {};
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.isFile() && isPackFile(e.name)) files[e.name] = await readFile(join(dir, e.name), 'utf8');
  }
  const snapshots = join(dir, 'snapshots');
  const entries = await readdir(snapshots, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const name = `snapshots/${e.name}`;
    if (e.isFile() && isPackFile(name)) files[name] = await readFile(join(snapshots, e.name), 'utf8');
  }
  return files;
}

/** The absolute path of `path` inside `dir`, or an Error naming what is wrong with it. */
export function resolveInFolder(dir: string, path: string): string | Error {
  if (!isPackFile(path)) return new Error(`'${path}' is not a pack file name (pack.yaml, NAME.md or snapshots/NAME.json)`);
  const root = resolve(dir);
  const full = resolve(root, path);
  if (!full.startsWith(root + sep)) return new Error(`'${path}' is outside the pack folder`);
  return full;
}

/** Writes through a temporary file and a rename, so a crash never leaves half a file. */
export async function writeStudioFile(dir: string, path: string, text: string): Promise<void> {
  const full = resolveInFolder(dir, path);
  if (full instanceof Error) throw full;
  if (path.startsWith('snapshots/')) await mkdir(join(dir, 'snapshots'), { recursive: true });
  const tmp = `${full}.${process.pid}.tmp`;
  await writeFile(tmp, text, 'utf8');
  await rename(tmp, full);
}
