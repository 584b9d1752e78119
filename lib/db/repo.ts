/** Data access used by the background's handlers. Everything the agent does lands here. */
import * as v from 'valibot';
import type { Run } from '../engine/run';
import type { Pack } from '../pack/schema';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings, type SettingsPatch } from '../settings/schema';
import type { CuecardDb, StoredPack } from './schema';

export async function getSettings(d: CuecardDb): Promise<Settings> {
  const row = await d.kv.get('settings');
  // Settings written by an older version may lack newer keys: fill from the defaults.
  const merged = { ...DEFAULT_SETTINGS, ...(row?.value as object | undefined) };
  const parsed = v.safeParse(SettingsSchema, merged);
  return parsed.success ? parsed.output : { ...DEFAULT_SETTINGS };
}

export async function patchSettings(d: CuecardDb, patch: SettingsPatch): Promise<Settings> {
  return d.transaction('rw', d.kv, async () => {
    const next = { ...(await getSettings(d)), ...patch };
    await d.kv.put({ key: 'settings', value: next });
    return next;
  });
}

/** The last write wins: two tabs on one run each persist what their agent just did. */
export async function putRun(d: CuecardDb, run: Run): Promise<Run> {
  await d.runs.put(run);
  return run;
}

export function openRuns(d: CuecardDb): Promise<Run[]> {
  return d.runs.where('status').equals('open').sortBy('createdAt');
}

export async function finishedRuns(d: CuecardDb, limit = 50): Promise<Run[]> {
  const runs = await d.runs.where('status').equals('finished').sortBy('updatedAt');
  return runs.reverse().slice(0, limit);
}

export async function installPack(d: CuecardDb, row: StoredPack): Promise<void> {
  await d.packs.put(row);
}

/** The newest version of every installed pack. */
export async function latestPacks(d: CuecardDb): Promise<StoredPack[]> {
  const all = await d.packs.toArray();
  const latest = new Map<string, StoredPack>();
  for (const p of all) {
    const held = latest.get(p.id);
    if (!held || p.version > held.version) latest.set(p.id, p);
  }
  return [...latest.values()];
}

export async function getPack(d: CuecardDb, id: string, version: number): Promise<Pack | null> {
  return (await d.packs.get([id, version]))?.pack ?? null;
}
