/** `cuecard pack test DIR`: the pack's anchors against its masked page snapshots (issue 12). */
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { testPackAnchors } from '../pick/check-pack';
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
  const { failures, untested, unknown } = testPackAnchors(files, nodeDocument);
  for (const f of failures) ctx.err(`${dir}: ${f.message}`);
  for (const u of unknown) ctx.err(`${dir}: warning: snapshot "${u.snapshot}" lists "${u.anchor}", which the pack no longer has`);
  if (untested.length) ctx.err(`${dir}: warning: ${untested.length} anchor(s) untested (no snapshot of their site): ${untested.join(', ')}`);
  if (failures.length) throw new CheckFailed(`${dir}: ${failures.length} anchor test${failures.length === 1 ? '' : 's'} failed`);
  ctx.out(`OK: every listed anchor matches exactly one element in ${count} snapshot${count === 1 ? '' : 's'}`);
  return EXIT.ok;
}

export const testCommand: Command = {
  name: 'test',
  usage: 'cuecard pack test DIR',
  summary: "check every anchor against the pack's masked page snapshots",
  help: `Compiles DIR like "pack validate", then checks the pack's anchors (context fields, guarded
controls, field checks, "Show me" anchors) against the masked snapshots in DIR/snapshots/*.json.
Each anchor must match exactly one element in at least one snapshot of a page its site covers,
and more than one in none. A snapshot also lists the anchors it is the test page for
("anchors": [...], filled by Studio with those found on the page when saved; edit it by hand):
a listed anchor must match exactly one element in that snapshot. A failure names the anchor,
the snapshot and what matched. Anchors whose site has no snapshot are reported as untested
(a warning). Exit code 0 when all pass, 1 when any fails.

Example:
  cuecard pack test my-sop`,
  args: ['DIR'],
  run: ([dir], _values, ctx) => testFolder(dir!, ctx),
};
