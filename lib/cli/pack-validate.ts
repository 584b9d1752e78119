/** `cuecard pack validate DIR` and `cuecard pack build DIR --out PACK.json`. */
import { join, resolve } from 'node:path';
import { compile, formatIssue } from '../pack/authoring';
import type { Pack } from '../pack/schema';
import type { Command } from './command';
import { CheckFailed, EXIT, UsageError, writeOutput, type CliContext } from './context';
import { readPackFolder } from './pack-folder';

/** Compile DIR, printing every problem as `DIR/file:line: message`; throws if any error. */
export async function compileFolder(dir: string, ctx: CliContext): Promise<Pack> {
  let files;
  try {
    files = await readPackFolder(resolve(ctx.cwd, dir));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`${dir}: ${code === 'ENOENT' ? 'folder not found' : code === 'ENOTDIR' ? 'is a file, expected a pack folder' : String(e)}`);
  }
  const result = compile(files);
  // Paths as the user typed DIR, so editors and terminals can jump to DIR/file:line.
  for (const w of result.warnings) ctx.err(formatIssue({ ...w, file: join(dir, w.file), message: `warning: ${w.message}` }));
  if (!result.ok) {
    for (const e of result.errors) ctx.err(formatIssue({ ...e, file: join(dir, e.file) }));
    const n = result.errors.length;
    throw new CheckFailed(`${dir}: ${n} error${n === 1 ? '' : 's'}; the pack was not built`);
  }
  return result.pack;
}

function summary(pack: Pack): string {
  const steps = pack.procedures.reduce((n, p) => n + p.steps.length, 0);
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return `pack ${pack.id} version ${pack.version}: ${n(pack.procedures.length, 'procedure')}, ${n(steps, 'step')}`;
}

export const validateCommand: Command = {
  name: 'validate',
  usage: 'cuecard pack validate DIR',
  summary: 'check an authoring folder; list every problem as file:line',
  help: `Compiles the authoring folder DIR (pack.yaml + one .md per procedure) and checks it
like the extension will. Every problem is printed as DIR/file:line: message.
Exit code 0 when the pack is valid (warnings allowed), 1 when it has errors.

Example:
  cuecard pack validate my-sop`,
  args: ['DIR'],
  async run([dir], _values, ctx) {
    const pack = await compileFolder(dir!, ctx);
    ctx.out(`OK: ${summary(pack)}`);
    return EXIT.ok;
  },
};

export const buildCommand: Command = {
  name: 'build',
  usage: 'cuecard pack build DIR --out PACK.json',
  summary: 'compile an authoring folder to pack JSON',
  help: `Validates DIR like "pack validate" and writes the pack JSON to --out (or to standard
output without --out). Nothing is written when there are errors.

Options:
  --out PACK.json   where to write the pack

Example:
  cuecard pack build my-sop --out dist/pack.json`,
  options: { out: { type: 'string' } },
  args: ['DIR'],
  async run([dir], values, ctx) {
    const pack = await compileFolder(dir!, ctx);
    const json = `${JSON.stringify(pack, null, 2)}\n`;
    if (typeof values.out !== 'string') {
      ctx.out(json);
      return EXIT.ok;
    }
    await writeOutput(ctx, values.out, json);
    ctx.out(`Built ${summary(pack)} → ${values.out}`);
    return EXIT.ok;
  },
};
