/**
 * Fading guidance's storage side (issue 13.3): a finished real contact adds its steps'
 * outcomes to the per-step counts (Dexie `stepStats`), and the panel reads them with, for
 * each step, whether its wording changed since the version they were counted on (the pack
 * diff, lib/pack/diff.ts). Practice contacts are never stored as runs, so never counted.
 */
import type { Run } from '../engine/run';
import { countOutcome, stepOutcomes, wordingChanged, type CoachingStat, type StepStat } from '../coaching/fade';
import { diffPacks, type PackDiff } from '../pack/diff';
import type { HandlersFor } from '../messaging/server';
import type { ServiceDeps } from './deps';

export function createCoachingService({ db }: Pick<ServiceDeps, 'db'>) {
  const diffs = new Map<string, PackDiff | null>();
  /** The diff between two stored versions, or null when the older one is gone. */
  async function diffBetween(packId: string, from: number, to: number): Promise<PackDiff | null> {
    const key = `${packId}\u0000${from}\u0000${to}`;
    if (!diffs.has(key)) {
      const [a, b] = await Promise.all([db.packs.get([packId, from]), db.packs.get([packId, to])]);
      diffs.set(key, a && b ? diffPacks(a.pack, b.pack) : null);
    }
    return diffs.get(key)!;
  }
  /** Wording changed between the counted version and `version`; an unknown older version counts as changed. */
  async function changedSince(stat: StepStat, version: number): Promise<boolean> {
    if (stat.version === version) return false;
    const diff = await diffBetween(stat.packId, Math.min(stat.version, version), Math.max(stat.version, version));
    return diff === null || wordingChanged(diff, stat.procedureId, stat.stepId);
  }

  async function countRun(run: Run): Promise<void> {
    if (run.status !== 'finished') return;
    const stored = await db.packs.get([run.packId, run.packVersion]);
    const procedure = stored?.pack.procedures.find((p) => p.id === run.procedureId);
    if (!procedure) return;
    const at = run.finishedAt ?? run.updatedAt;
    for (const [stepId, outcome] of stepOutcomes(run, procedure)) {
      const key = { packId: run.packId, procedureId: run.procedureId, stepId, version: run.packVersion };
      const prev = await db.stepStats.get([run.packId, run.procedureId, stepId]);
      const changed = prev ? await changedSince(prev, run.packVersion) : false;
      await db.stepStats.put(countOutcome(prev, key, outcome, changed, at));
    }
  }

  /** The procedure's counts, each with whether its wording changed since; the panel and the hub report read them. */
  async function statsFor({ packId, version, procedureId }: { packId: string; version: number; procedureId: string }): Promise<CoachingStat[]> {
    const rows = await db.stepStats.where('packId').equals(packId).toArray();
    const mine = rows.filter((r) => r.procedureId === procedureId);
    return Promise.all(mine.map(async (s) => ({ ...s, changed: await changedSince(s, version) })));
  }

  const handlers: HandlersFor<'coaching.stats'> = {
    'coaching.stats': async (ref): Promise<{ stats: CoachingStat[] }> => ({ stats: await statsFor(ref) }),
  };
  return { handlers, countRun, statsFor };
}
export type CoachingService = ReturnType<typeof createCoachingService>;
