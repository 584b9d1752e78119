/**
 * "My week" (issue 13.5): the agent's own average time on each step over the last 7 days of
 * finished contacts, beside the pack's limit for that step. Pure; the panel charts it.
 */
import type { Run } from '../engine/run';
import type { Lang, Pack } from '../pack/schema';
import { t as packText } from '../pack/text';

export const WEEK_MS = 7 * 24 * 3600 * 1000;

export interface WeekBar {
  key: string;
  title: string;
  avgSec: number;
  count: number;
  limitSec?: number;
}

/** `packOf` finds the pack a run was on (its version, or what the panel has). */
export function weekBars(runs: readonly Run[], packOf: (run: Run) => Pack | undefined, lang: Lang, now: number): WeekBar[] {
  const sums = new Map<string, { title: string; total: number; count: number; limitSec?: number; first: number }>();
  let order = 0;
  for (const run of runs) {
    if (run.status !== 'finished' || run.finishedAt === undefined || run.finishedAt < now - WEEK_MS) continue;
    const procedure = packOf(run)?.procedures.find((p) => p.id === run.procedureId);
    run.path.forEach((v, i) => {
      const end = run.path[i + 1]?.at ?? run.finishedAt!;
      const step = procedure?.steps.find((s) => s.id === v.stepId);
      const key = `${run.procedureId}/${v.stepId}`;
      const held = sums.get(key) ?? { title: step ? packText(step.title, lang) : v.stepId, total: 0, count: 0, limitSec: step?.timeLimitSec, first: order++ };
      held.total += Math.max(0, end - v.at);
      held.count += 1;
      sums.set(key, held);
    });
  }
  return [...sums.entries()]
    .sort((a, b) => a[1].first - b[1].first)
    .map(([key, s]) => ({
      key,
      title: s.title,
      avgSec: Math.round(s.total / s.count / 1000),
      count: s.count,
      ...(s.limitSec !== undefined ? { limitSec: s.limitSec } : {}),
    }));
}
