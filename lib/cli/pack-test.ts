/** `cuecard pack test DIR`: the pack's anchors against its masked page snapshots (issue 12). */
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { checkPackAnchors } from '../pick/check-pack';
import { nodeDocument } from '../pick/node-dom';
import type { Command } from './command';
import { CheckFailed, EXIT, type CliContext } from './context';
import { compileFolder } from './pack-validate';
import { readPackFolder } from './pack-folder';

/** `snapshots/*.json` of the folder, keyed as the pack's files are (`snapshots/<name>.json`). */
async function readSnapshots(dir: string): Promise<Record<string, string>> {
  let names: string[];
  try {
    names = await readdir(join(dir, 'snapshots'));
  } catch {
    return {};
  }
  const out: Record<string, string> = {};
  for (const n of names.filter((n) => n.endsWith('.json')).sort()) out[`snapshots/${n}`] = await readFile(join(dir, 'snapshots', n), 'utf8');
  return out;
}

async function testFolder(dir: string, ctx: CliContext): Promise<number> {
  await compileFolder(dir, ctx); // prints the pack's own errors, as validate does
  const full = resolve(ctx.cwd, dir);
  const snapshots = await readSnapshots(full);
  const count = Object.keys(snapshots).length;
  if (!count) {
    ctx.out(`${dir}: no snapshots to test against; save one from the CRM page in Studio (snapshots/<name>.json)`);
    return EXIT.ok;
  }
  const files = { ...Object.fromEntries(await readPackFolder(full)), ...snapshots };
  const failures = checkPackAnchors(files, nodeDocument);
  for (const f of failures) ctx.err(`${dir}: ${f.message}`);
  if (failures.length) throw new CheckFailed(`${dir}: ${failures.length} anchor test${failures.length === 1 ? '' : 's'} failed`);
  ctx.out(`OK: every anchor matches exactly one element in ${count} snapshot${count === 1 ? '' : 's'}`);
  return EXIT.ok;
}

export const testCommand: Command = {
  name: 'test',
  usage: 'cuecard pack test DIR',
  summary: "check every anchor against the pack's masked page snapshots",
  help: `Compiles DIR like "pack validate", then checks every anchor of the pack (context fields,
guarded controls, field checks, "Show me" anchors) against each snapshot in DIR/snapshots/*.json
of a page its site covers: each must match exactly one element. A failure names the anchor,
the snapshot and what matched. Exit code 0 when all pass, 1 when any fails.

Example:
  cuecard pack test my-sop`,
  args: ['DIR'],
  run: ([dir], _values, ctx) => testFolder(dir!, ctx),
};
