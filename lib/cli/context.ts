/**
 * What every CLI command gets: where to write, where it runs, and the two kinds of failure
 * that decide the exit code (1: the content failed a check; 2: the command was misused).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';

export interface CliContext {
  out(text: string): void;
  err(text: string): void;
  /** Directory relative paths are resolved against. */
  cwd: string;
  /** The Cuecard checkout (for public/packs/default.json). */
  root: string;
  /** Whether stdout shows ANSI colour. */
  color: boolean;
  now(): number;
}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Misuse: bad arguments, a missing input file, an output that would clobber something. */
export class UsageError extends Error {}

/** The input was read but failed a check (validation, signature, …). */
export class CheckFailed extends Error {}

export function nodeContext(root: string): CliContext {
  return {
    out: (t) => void process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => void process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
    cwd: process.cwd(),
    root,
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    now: () => Date.now(),
  };
}

/** Read a text input, turning "no such file" into a one-line usage error naming it. */
export async function readInput(ctx: CliContext, file: string): Promise<string> {
  try {
    return await readFile(resolve(ctx.cwd, file), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`${file}: file not found`);
    if (code === 'EISDIR') throw new UsageError(`${file}: is a folder, expected a file`);
    throw new UsageError(`${file}: cannot be read (${code ?? String(e)})`);
  }
}

/** Write an output file; `exclusive` refuses to replace an existing one (keys). */
export async function writeOutput(ctx: CliContext, file: string, text: string, opts: { mode?: number; exclusive?: boolean } = {}): Promise<void> {
  try {
    await writeFile(resolve(ctx.cwd, file), text, { mode: opts.mode, flag: opts.exclusive ? 'wx' : 'w' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new UsageError(`${file}: already exists; refusing to overwrite it`);
    if (code === 'ENOENT') throw new UsageError(`${file}: its folder does not exist`);
    throw new UsageError(`${file}: cannot be written (${code ?? String(e)})`);
  }
}
