/** Installed packs: the bundled default, files the agent imports, and what the panel loads. */
import * as repo from '../db/repo';
import type { StoredPack } from '../db/schema';
import type { Run } from '../engine/run';
import type { PackMeta } from '../messaging/protocol';
import type { HandlersFor } from '../messaging/server';
import { parsePackText } from '../pack/parse';
import type { Pack } from '../pack/schema';
import type { PanelServiceDeps } from './deps';
import type { PackConfig } from './pack-config';
import { importVerified } from './pack-install';

export function packMeta(p: StoredPack): PackMeta {
  return { id: p.id, version: p.version, title: p.pack.title, source: p.source };
}

export function createPacksService({ db, browser, ports, config }: PanelServiceDeps & { config: Pick<PackConfig, 'trustNow'> }) {
  /**
   * Validate a pack and store it; the error names what is wrong and nothing changes. Only the
   * bundled pack skips signing: files and URLs must be signed by a trusted key (pack-install.ts).
   */
  async function importPackText(text: string, source: StoredPack['source']): Promise<StoredPack> {
    if (source !== 'bundled') return importVerified(db, config, text);
    const parsed = parsePackText(text);
    if (!parsed.ok) {
      const list = parsed.errors.slice(0, 8).map((e) => `${e.path || '(pack)'}: ${e.message}`);
      const more = parsed.errors.length > 8 ? ` (and ${parsed.errors.length - 8} more)` : '';
      throw new Error(`The pack was not installed. ${list.join('; ')}${more}`);
    }
    const row: StoredPack = { id: parsed.pack.id, version: parsed.pack.version, pack: parsed.pack, source, installedAt: Date.now() };
    await repo.installPack(db, row);
    return row;
  }

  /**
   * The release in use of each pack (highest (rank, version) under the trust in force:
   * lib/distribution/rank.ts), plus the versions open runs started on (runs stay on their version).
   */
  async function packsForState(openRuns: Run[]): Promise<{ packs: Pack[]; meta: PackMeta[] }> {
    const latest = await repo.latestPacks(db, (await config.trustNow()).rankOf);
    const packs = latest.map((p) => p.pack);
    const have = new Set(packs.map((p) => `${p.id}@${p.version}`));
    for (const run of openRuns) {
      const k = `${run.packId}@${run.packVersion}`;
      if (have.has(k)) continue;
      const pack = await repo.getPack(db, run.packId, run.packVersion);
      if (pack) {
        packs.push(pack);
        have.add(k);
      }
    }
    return { packs, meta: latest.map(packMeta) };
  }

  /** The default SOP ships with the extension and is installed on first run. */
  async function ensureDefaultPack() {
    const text = await (await fetch(browser.runtime.getURL('/packs/default.json'))).text();
    const parsed = parsePackText(text);
    if (!parsed.ok) throw new Error('The bundled default pack is invalid.');
    const held = await repo.getPack(db, parsed.pack.id, parsed.pack.version);
    if (!held) await importPackText(text, 'bundled');
  }

  const handlers: HandlersFor<'pack.import'> = {
    'pack.import': async ({ text }) => {
      const installed = await importPackText(text, 'file');
      ports.toPanels({ type: 'packs.changed' });
      return { installed: packMeta(installed) };
    },
  };

  return { importPackText, packsForState, ensureDefaultPack, handlers };
}

export type PacksService = ReturnType<typeof createPacksService>;
