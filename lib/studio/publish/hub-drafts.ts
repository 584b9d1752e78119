/**
 * Studio's files on the hub: the authoring files of one pack id, kept in `studio_files`
 * (migration 004) so several leads and hub processes share one draft. An empty draft is
 * seeded from the bundled default pack's Markdown, as `cuecard pack init` writes it.
 */
import { readFileSync } from 'node:fs';
import { decompile } from '../../pack/authoring';
import { parsePack } from '../../pack/parse';
import type { Pack } from '../../pack/schema';
import type { Db, Queryable } from '../../hub/db';
import type { PackFiles } from '../contract';

let bundled: Pack | undefined;

/** public/packs/default.json; in the installed package it ships at the same path (scripts/build-package.mjs). */
export function defaultPack(): Pack {
  if (bundled) return bundled;
  const text = readFileSync(new URL('../../../public/packs/default.json', import.meta.url), 'utf8');
  const parsed = parsePack(JSON.parse(text));
  if (!parsed.ok) throw new Error('the bundled default pack does not parse');
  return (bundled = parsed.pack);
}

export async function readDrafts(db: Db, packId: string, email: string, now: number): Promise<PackFiles> {
  const rows = await db.query<{ path: string; body: string }>('SELECT path, body FROM studio_files WHERE pack_id = $1 ORDER BY path', [packId]);
  if (rows.length) return Object.fromEntries(rows.map((r) => [r.path, r.body]));
  const seed = Object.fromEntries(decompile(defaultPack()));
  // ON CONFLICT: two leads opening Studio at once both seed; the first one's rows stay.
  await db.tx(async (q) => {
    for (const [path, body] of Object.entries(seed)) await putDraft(q, packId, path, body, email, now, true);
  });
  return readDrafts(db, packId, email, now);
}

export async function putDraft(db: Queryable, packId: string, path: string, body: string, email: string, now: number, seeding = false): Promise<void> {
  await db.query(
    `INSERT INTO studio_files (pack_id, path, body, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (pack_id, path) DO ${seeding ? 'NOTHING' : 'UPDATE SET body = EXCLUDED.body, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by'}`,
    [packId, path, body, now, email],
  );
}

/** Keeps the override with the release it let through (shown on the dashboard's Releases page). */
export async function recordOverride(db: Queryable, releaseId: number, o: { reason?: string; failures: unknown[]; by: string }): Promise<void> {
  await db.query('UPDATE releases SET anchor_override = $2, anchor_failures = $3, published_by = $4 WHERE id = $1', [
    releaseId,
    o.reason ?? null,
    o.failures.length ? JSON.stringify(o.failures) : null,
    o.by,
  ]);
}
