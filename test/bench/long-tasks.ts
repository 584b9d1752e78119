/**
 * Which long tasks are the extension's. Three sources, added up:
 * - every long task in the panel frame (an extension page: all of its work is ours);
 * - page long tasks whose attribution names a chrome-extension:// container (in case the
 *   panel frame ever shares the page's process and shows up there);
 * - the page's own long tasks ('self': where content script work, and the relayout our
 *   docked panel causes, would land) beyond those of the same page without the extension,
 *   summed over the same number of alternating loads (or the same burst).
 * The last is statistical; the CPU profile of the content script (longest unbroken stretch)
 * says whether the content script itself could have been one.
 */
import type { BurstResult } from './burst';
import type { LoadSample } from './page-load';
import type { LongTask } from './probe';
import { sum } from './stats';

const fromExtension = (t: LongTask) => t.containerSrc.startsWith('chrome-extension://');

type Sample = Pick<LoadSample | BurstResult, 'pageLongTasks' | 'panelLongTasks'>;

export interface Attribution {
  total: number;
  panelFrame: number;
  pageAttributed: number;
  pageExcess: number;
  pageOwnWith: number;
  pageOwnWithout: number;
}

export function attributeLongTasks(pairs: { with: Sample[]; without: Sample[] }[]): Attribution {
  const a: Attribution = { total: 0, panelFrame: 0, pageAttributed: 0, pageExcess: 0, pageOwnWith: 0, pageOwnWithout: 0 };
  const own = (xs: Sample[]) => sum(xs.map((s) => s.pageLongTasks.filter((t) => !fromExtension(t)).length));
  for (const p of pairs) {
    if (p.with.length !== p.without.length) throw new Error('Compare the same number of samples with and without the extension');
    a.panelFrame += sum(p.with.map((s) => s.panelLongTasks.length));
    a.pageAttributed += sum(p.with.map((s) => s.pageLongTasks.filter(fromExtension).length));
    const w = own(p.with);
    const wo = own(p.without);
    a.pageOwnWith += w;
    a.pageOwnWithout += wo;
    a.pageExcess += Math.max(0, w - wo);
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
