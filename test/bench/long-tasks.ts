/**
 * Which long tasks are the extension's. Three sources, added up:
 * - every long task in the panel frame (an extension page: all of its work is ours);
 * - page long tasks whose attribution names a chrome-extension:// container (in case the
 *   panel frame ever shares the page's process and shows up there);
 * - the page's own long tasks ('self': where content script work, and the relayout our
 *   docked panel causes, would land) beyond those of the same page without the extension,
 *   over the same number of alternating loads (or the same burst), per group of samples (so
 *   fewer tasks in one group cannot cancel an excess in another).
 * The last is statistical, and a count of a page's own long tasks varies from load to load
 * even with nothing changed: taking every positive difference would report an excess for an
 * extension that does nothing (the expected positive part of a zero-mean difference is above
 * zero). A group's excess is therefore counted only when chance explains it poorly: a one-sided
 * sign test (exact binomial, p < 0.05) on the group's tasks, each of which, were the extension
 * without effect, would be as likely to fall in either arm (the arms have as many samples).
 * Every group's raw counts and p are kept for the report. Beside it, the CPU profile of the
 * content script (longest unbroken stretch) says whether its code itself could have been one.
 */
import type { BurstResult } from './burst';
import type { LoadSample } from './page-load';
import type { LongTask } from './probe';
import { sum } from './stats';

const fromExtension = (t: LongTask) => t.containerSrc.startsWith('chrome-extension://');

type Sample = Pick<LoadSample | BurstResult, 'pageLongTasks' | 'panelLongTasks'>;

export interface GroupExcess {
  with: number;
  without: number;
  /** P(at least `with` of the group's with + without tasks in the with arm | no effect). */
  p: number;
  counted: boolean;
}

export interface Attribution {
  total: number;
  panelFrame: number;
  pageAttributed: number;
  /** The excess counted in `total`: only groups whose excess passed the sign test. */
  pageExcess: number;
  /** Every positive difference, significant or not. */
  pageExcessRaw: number;
  pageOwnWith: number;
  pageOwnWithout: number;
  groups: GroupExcess[];
}

export const SIGNIFICANT = 0.05;

/** P(X ≥ k) for X ~ Binomial(n, 1/2), summed in log space (n in the hundreds is fine). */
export function binomialTail(k: number, n: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  let logC = 0; // log C(n, 0)
  let p = 0;
  for (let i = 0; i <= n; i++) {
    if (i > 0) logC += Math.log(n - i + 1) - Math.log(i);
    if (i >= k) p += Math.exp(logC - n * Math.LN2);
  }
  return Math.min(1, p);
}

export function attributeLongTasks(pairs: { with: Sample[]; without: Sample[] }[]): Attribution {
  const a: Attribution = { total: 0, panelFrame: 0, pageAttributed: 0, pageExcess: 0, pageExcessRaw: 0, pageOwnWith: 0, pageOwnWithout: 0, groups: [] };
  const own = (xs: Sample[]) => sum(xs.map((s) => s.pageLongTasks.filter((t) => !fromExtension(t)).length));
  for (const p of pairs) {
    if (p.with.length !== p.without.length) throw new Error('Compare the same number of samples with and without the extension');
    a.panelFrame += sum(p.with.map((s) => s.panelLongTasks.length));
    a.pageAttributed += sum(p.with.map((s) => s.pageLongTasks.filter(fromExtension).length));
    const w = own(p.with);
    const wo = own(p.without);
    a.pageOwnWith += w;
    a.pageOwnWithout += wo;
    const pValue = binomialTail(w, w + wo);
    const counted = w > wo && pValue < SIGNIFICANT;
    a.groups.push({ with: w, without: wo, p: pValue, counted });
    a.pageExcessRaw += Math.max(0, w - wo);
    if (counted) a.pageExcess += w - wo;
  }
  a.total = a.panelFrame + a.pageAttributed + a.pageExcess;
  return a;
}

/**
 * The page's own long tasks split at the load event's end: before it they delay the load
 * (pageLoad*), after it they do not, but they still hold up the agent's first clicks.
 */
export function byLoadPhase(samples: Pick<LoadSample, 'pageLongTasks' | 'loadAt'>[]): { duringLoad: number; afterLoad: number } {
  let duringLoad = 0;
  let afterLoad = 0;
  for (const s of samples) {
    for (const t of s.pageLongTasks) {
      if (fromExtension(t)) continue;
      if (t.start < s.loadAt) duringLoad++;
      else afterLoad++;
    }
  }
  return { duringLoad, afterLoad };
}
