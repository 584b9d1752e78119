import { describe, expect, it } from 'vitest';
import { parsePack } from '../../lib/pack/parse';
import { timeUnder, type CpuProfile } from './cpu-profile';
import { attributeLongTasks, binomialTail, byLoadPhase } from './long-tasks';
import { makeBigPack } from './pack-gen';
import type { LongTask } from './probe';
import { checkBudgets, formatTable } from './report';
import { pageAssets } from './sizes';
import { alternate, median, pairedExcess, ratioInterval, share } from './stats';
import { switchSteps } from './switch';

const task = (duration: number, containerSrc = ''): LongTask => ({
  start: 0,
  duration,
  name: 'self',
  containerType: containerSrc ? 'iframe' : 'window',
  containerSrc,
});

describe('stats', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
  it('gives a bootstrap interval around the ratio of two medians, the same for the same data', () => {
    const b = Array.from({ length: 40 }, (_, i) => 100 + ((i * 37) % 40));
    const a = b.map((x) => x * 1.1);
    const [lo, hi] = ratioInterval(a, b);
    expect(lo).toBeLessThan(1.1);
    expect(hi).toBeGreaterThan(1.1);
    expect(lo).toBeGreaterThan(0.95);
    expect(ratioInterval(a, b)).toEqual([lo, hi]);
    expect(ratioInterval([5, 5, 5], [5, 5])).toEqual([1, 1]);
    expect(ratioInterval([], [1])).toEqual([NaN, NaN]);
  });
  it('takes what the extension adds as the median of with − without within each round', () => {
    // Drift (the second round ran on a busier machine) cancels within a round.
    expect(pairedExcess([110, 400, 130], [100, 380, 125])).toBe(10);
    expect(pairedExcess([90], [100])).toBe(-10);
    expect(() => pairedExcess([1, 2], [1])).toThrow(/2 with, 1 without/);
    expect(pairedExcess([], [])).toBeNaN();
  });
  it('gives a share of the cold boots, missing when none was measured', () => {
    expect(share(2, 40)).toBe(0.05);
    expect(share(0, 0)).toBeNaN();
  });
  it('swaps the order of the two conditions every round', () => {
    expect([0, 1, 2].map((i) => alternate(i, 'a', 'b').join(''))).toEqual(['ab', 'ba', 'ab']);
  });
});

describe('long task attribution', () => {
  const own = (n: number) => ({ pageLongTasks: Array.from({ length: n }, () => task(70)), panelLongTasks: [] });
  it('counts panel-frame and extension-container tasks, and the page’s own excess when chance explains it poorly', () => {
    const a = attributeLongTasks([
      {
        with: [{ pageLongTasks: [task(80), task(60, 'chrome-extension://x/panel.html')], panelLongTasks: [task(70)] }, own(12)],
        without: [own(1), own(1)],
      },
    ]);
    // 13 of the page's own 15 tasks with the extension: P(X ≥ 13 | 15, ½) = 121 / 32768.
    expect(a.groups).toEqual([{ with: 13, without: 2, p: expect.closeTo(121 / 32768, 12), counted: true }]);
    expect(a).toMatchObject({ total: 13, panelFrame: 1, pageAttributed: 1, pageExcess: 11, pageExcessRaw: 11, pageOwnWith: 13, pageOwnWithout: 2 });
  });
  it('does not count an excess that chance explains, but reports it raw', () => {
    const a = attributeLongTasks([{ with: [own(14)], without: [own(9)] }]);
    expect(a.groups[0]!.p).toBeCloseTo(0.2024, 4);
    expect(a).toMatchObject({ total: 0, pageExcess: 0, pageExcessRaw: 5 });
  });
  it('does not let fewer tasks with the extension in one group cancel an excess in another', () => {
    const a = attributeLongTasks([
      { with: [own(0)], without: [own(20)] },
      { with: [own(10)], without: [own(0)] },
    ]);
    expect(a.groups.map((g) => g.counted)).toEqual([false, true]);
    expect(a.pageExcess).toBe(10);
    expect(a.total).toBe(10);
  });
  it('refuses to compare unequal numbers of samples', () => {
    expect(() => attributeLongTasks([{ with: [], without: [{ pageLongTasks: [], panelLongTasks: [] }] }])).toThrow(/same number/);
  });
});

describe('binomialTail', () => {
  it('is the exact one-sided tail of a fair coin', () => {
    expect(binomialTail(0, 10)).toBe(1);
    expect(binomialTail(5, 5)).toBeCloseTo(1 / 32, 12);
    expect(binomialTail(14, 23)).toBeCloseTo(1698160 / 8388608, 12);
    expect(binomialTail(3, 2)).toBe(0);
    expect(binomialTail(300, 400)).toBeLessThan(1e-20);
  });
});

describe('long tasks around the load event', () => {
  it('splits the page’s own long tasks at the end of each load’s load event, leaving out extension frames', () => {
    const at = (start: number, src = ''): LongTask => ({ ...task(60, src), start });
    const phase = byLoadPhase([
      { loadAt: 1000, pageLongTasks: [at(900), at(1000), at(1200), at(950, 'chrome-extension://x/panel.html')] },
      { loadAt: 5000, pageLongTasks: [at(1200)] },
    ]);
    expect(phase).toEqual({ duringLoad: 2, afterLoad: 2 });
  });
});

describe('switching Cuecard on and off', () => {
  it('only settles when Cuecard is already in the wanted state', () => {
    expect(switchSteps('enabled', 'enabled')).toEqual(['settle']);
    expect(switchSteps('disabled', 'disabled')).toEqual(['settle']);
  });
  it('switches, waits for the switch to take effect (enabled: its first panel booted too), then settles', () => {
    expect(switchSteps('enabled', 'disabled')).toEqual(['disable', 'await-gone', 'settle']);
    expect(switchSteps('disabled', 'enabled')).toEqual(['enable', 'await-ready', 'first-panel', 'settle']);
  });
  it('redoes the switch after one that failed midway, whichever state is wanted', () => {
    expect(switchSteps('unknown', 'enabled')).toEqual(['enable', 'await-ready', 'first-panel', 'settle']);
    expect(switchSteps('unknown', 'disabled')).toEqual(['disable', 'await-gone', 'settle']);
  });
  it('ends every activation with the same settle, so both arms idle alike before a load', () => {
    const order = [0, 1, 2, 3].flatMap((i) => alternate(i, 'enabled' as const, 'disabled' as const));
    let state: 'enabled' | 'disabled' = 'enabled';
    const switchedBefore = { enabled: 0, disabled: 0 };
    for (const wanted of order) {
      const steps = switchSteps(state, wanted);
      expect(steps.at(-1)).toBe('settle');
      if (steps.length > 1) switchedBefore[wanted]++;
      state = wanted;
    }
    // Alternating the order makes each arm follow a switch equally often.
    expect(switchedBefore).toEqual({ enabled: 2, disabled: 2 });
  });
});

describe('content script time from a CPU profile', () => {
  // root(1) → page fn(2); root(1) → extension fn(3) → native(4)
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: { url: '', functionName: '(root)' }, children: [2, 3] },
      { id: 2, callFrame: { url: 'http://127.0.0.1/index.html', functionName: 'page' } },
      { id: 3, callFrame: { url: 'chrome-extension://abc/content-scripts/crm.js', functionName: 'main' }, children: [4] },
      { id: 4, callFrame: { url: '', functionName: 'querySelector' } },
    ],
    startTime: 0,
    endTime: 10_000,
    samples: [2, 3, 4, 3, 2, 3],
    timeDeltas: [0, 1000, 1000, 1000, 1000, 1000],
  };
  it('counts native frames under the content script and finds its longest unbroken stretch', () => {
    expect(timeUnder(profile, 'chrome-extension://abc/')).toEqual({ totalMs: 3, longestMs: 3 });
  });
  it('caps a gap where the whole renderer was descheduled', () => {
    const gap = { ...profile, timeDeltas: [0, 1000, 1000, 1000, 1000, 1000, 1000, 1000], samples: [2, 3, 3, 2, 2, 2, 2], nodes: profile.nodes };
    gap.timeDeltas[2] = 500_000; // the sample at index 1 (extension) is followed by a 500 ms hole
    expect(timeUnder(gap, 'chrome-extension://abc/').totalMs).toBe(11);
  });
});

describe('budgets and table', () => {
  it('passes at the limit, fails above it, and marks missing figures as not measured', () => {
    const v = checkBudgets({ contentScriptGzipBytes: 16 * 1024, pageLoadRatio: 1.06, tickToShownMs: Number.NaN });
    expect(v.find((x) => x.key === 'contentScriptGzipBytes')?.pass).toBe(true);
    expect(v.find((x) => x.key === 'pageLoadRatio')?.pass).toBe(false);
    expect(v.find((x) => x.key === 'tickToShownMs')?.pass).toBeUndefined();
    const table = formatTable({ pageLoadRatio: 1.06 }, v, ['packHostMs']);
    expect(table).toMatch(/\| pageLoadRatio \| 1\.06 \| × \| with \/ without \(ratio of the medians\) \| ≤ 1\.05 \| FAIL \|/);
    expect(table).toMatch(/\| tickToShownMs \| — \|.*not measured/);
    expect(table).toMatch(/\| packHostMs \|/);
  });
  it('holds the heavy page excess to 20 ms and the cold boots with a long task to 5 %', () => {
    const v = checkBudgets({ scriptDurationHeavyExcessMs: 20, coldPanelBootLongTaskShare: 2 / 32 });
    expect(v.find((x) => x.key === 'scriptDurationHeavyExcessMs')?.pass).toBe(true);
    expect(v.find((x) => x.key === 'coldPanelBootLongTaskShare')?.pass).toBe(false);
    expect(checkBudgets({ scriptDurationHeavyExcessMs: 20.5 }).find((x) => x.key === 'scriptDurationHeavyExcessMs')?.pass).toBe(false);
    expect(formatTable({ scriptDurationHeavyExcessMs: 12.345 }, v)).toMatch(/\| scriptDurationHeavyExcessMs \| 12\.35 \| ms \|.*\| ≤ 20 ms \| pass \|/);
  });
});

describe('bundle assets of an HTML page', () => {
  it('lists module scripts, preloads and stylesheets, not external URLs', () => {
    const html =
      '<script type="module" src="/chunks/panel-1.js"></script><link rel="modulepreload" href="/chunks/client-2.js"><link rel="stylesheet" href="/assets/panel-3.css"><link rel="icon" href="https://x.test/i.png">';
    expect(pageAssets(html)).toEqual(['chunks/panel-1.js', 'chunks/client-2.js', 'assets/panel-3.css']);
  });
});

describe('the generated 1,000-procedure pack', () => {
  it('is valid (so the bench times success, not the error path) and the same on every run', () => {
    const pack = makeBigPack(1000);
    const result = parsePack(JSON.parse(JSON.stringify(pack)));
    expect(result.ok ? [] : result.errors).toEqual([]);
    expect(pack.procedures).toHaveLength(1000);
    expect(JSON.stringify(makeBigPack(1000))).toBe(JSON.stringify(pack));
    expect(JSON.stringify(makeBigPack(1000, 2))).not.toBe(JSON.stringify(pack));
  });
});
