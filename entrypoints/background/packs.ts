import { browser } from 'wxt/browser';
import type { Run } from '@/lib/engine/run';
import * as repo from '@/lib/db/repo';
import { db, type CuecardDb, type StoredPack } from '@/lib/db/schema';
import type { PackMeta } from '@/lib/messaging/protocol';
import { parsePackText } from '@/lib/pack/parse';
import type { Pack } from '@/lib/pack/schema';
import { importVerified } from './pack-install';
import { trustNow } from './pack-config';

export function packMeta(p: StoredPack): PackMeta {
  return { id: p.id, version: p.version, title: p.pack.title, source: p.source };
}

/**
 * Validate a pack and store it; the error names what is wrong and nothing changes. Only the
 * bundled pack skips signing: files and URLs must be signed by a trusted key (pack-install.ts).
 */
export async function importPackText(d: CuecardDb, text: string, source: StoredPack['source']): Promise<StoredPack> {
  if (source !== 'bundled') return importVerified(d, text);
  const parsed = parsePackText(text);
  if (!parsed.ok) {
    const list = parsed.errors.slice(0, 8).map((e) => `${e.path || '(pack)'}: ${e.message}`);
    const more = parsed.errors.length > 8 ? ` (and ${parsed.errors.length - 8} more)` : '';
    throw new Error(`The pack was not installed. ${list.join('; ')}${more}`);
  }
  const row: StoredPack = { id: parsed.pack.id, version: parsed.pack.version, pack: parsed.pack, source, installedAt: Date.now() };
  await repo.installPack(d, row);
  return row;
}

/**
 * The release in use of each pack (highest (rank, version) under the trust in force:
 * lib/packs/rank.ts), plus the versions open runs started on (runs stay on their version).
 */
export async function packsForState(d: CuecardDb, openRuns: Run[]): Promise<{ packs: Pack[]; meta: PackMeta[] }> {
  const latest = await repo.latestPacks(d, (await trustNow(d)).rankOf);
  const packs = latest.map((p) => p.pack);
  const have = new Set(packs.map((p) => `${p.id}@${p.version}`));
  for (const run of openRuns) {
    const k = `${run.packId}@${run.packVersion}`;
    if (have.has(k)) continue;
    const pack = await repo.getPack(d, run.packId, run.packVersion);
    if (pack) {
      packs.push(pack);
      have.add(k);
    }
  }
  return { packs, meta: latest.map(packMeta) };
}

/** The default SOP ships with the extension and is installed on first run. */
export async function ensureDefaultPack(d: CuecardDb = db()) {
  const text = await (await fetch(browser.runtime.getURL('/packs/default.json'))).text();
  const parsed = parsePackText(text);
  if (!parsed.ok) throw new Error('The bundled default pack is invalid.');
  const held = await repo.getPack(d, parsed.pack.id, parsed.pack.version);
  if (!held) await importPackText(d, text, 'bundled');
}

export function setupPacks() {
  browser.runtime.onInstalled.addListener(() => void ensureDefaultPack());
  browser.runtime.onStartup.addListener(() => void ensureDefaultPack());
}
