import { describe, expect, it } from 'vitest';
import { label, longest, panelThread, phases, sampledFunctions, tasksOf, type TraceEvent } from './panel-boot-trace';

const PANEL = { pid: 7, tid: 1 };
/** A complete event on the panel's main thread, times in ms (the trace's are µs). */
const x = (name: string, startMs: number, durMs: number, more: Partial<TraceEvent> = {}): TraceEvent => ({
  name,
  cat: name === 'ThreadControllerImpl::RunTask' || name === 'BlinkScheduler_PerformMicrotaskCheckpoint' ? 'toplevel' : 'devtools.timeline',
  ph: 'X',
  ...PANEL,
  ts: startMs * 1000,
  dur: durMs * 1000,
  ...more,
});
const task = (startMs: number, durMs: number, more: Partial<TraceEvent> = {}) => x('ThreadControllerImpl::RunTask', startMs, durMs, more);

// Navigation at 0 ms: commit at 10, the module evaluated at 40, ready at 100, a frame after.
const trace: TraceEvent[] = [
  task(10, 30),
  x('CommitLoad', 12, 5),
  task(40, 12, { tdur: 9000 }),
  x('v8.evaluateModule', 41, 10),
  // A scheduler.yield() continuation: a bare microtask checkpoint, outside any RunTask.
  x('BlinkScheduler_PerformMicrotaskCheckpoint', 55, 6),
  task(70, 2),
  task(70.5, 1), // nested in the one above (a nested run loop)
  { name: 'cc-boot-ready', ph: 'I', ...PANEL, ts: 99_000 },
  task(101, 40, { tdur: 22_000 }),
  x('Layout', 102, 35),
  // Another thread of the same process (the extension's service worker) does not count.
  { ...task(45, 80), tid: 2 },
];

describe('the panel boot trace', () => {
  it('finds the panel thread by its ready mark, and says so when the mark is missing', () => {
    expect(panelThread(trace, 'cc-boot-ready', 99)).toEqual({ pid: 7, tid: 1, start: 0, ready: 99_000 });
    expect(() => panelThread([], 'cc-boot-ready', 99)).toThrow(/lacks the panel's cc-boot-ready mark/);
  });

  it('counts outermost toplevel events as tasks, microtask checkpoints outside a RunTask included', () => {
    expect(tasksOf(trace, PANEL).map((t) => [t.start / 1000, t.dur / 1000])).toEqual([
      [10, 30],
      [40, 12],
      [55, 6],
      [70, 2],
      [101, 40],
    ]);
  });

  it('splits the tasks at the first script and at ready, and picks the longest with its CPU time', () => {
    const th = panelThread(trace, 'cc-boot-ready', 99);
    const ph = phases(trace, th, 1_000_000);
    expect(ph.commit.map((t) => t.start / 1000)).toEqual([10]);
    expect(ph.boot.map((t) => t.start / 1000)).toEqual([40, 55, 70]);
    expect(ph.after.map((t) => t.start / 1000)).toEqual([101]);
    expect(longest(ph.boot)).toEqual({ ms: 12, cpuMs: 9 });
    expect(longest(ph.after)).toEqual({ ms: 40, cpuMs: 22 });
    expect(longest([])).toEqual({ ms: 0, cpuMs: 0 });
    expect(label(trace, th, ph.after[0]!)).toBe('Layout');
  });

  it('attributes V8 samples inside a task to their functions', () => {
    const th = panelThread(trace, 'cc-boot-ready', 99);
    const node = (id: number, functionName: string) => ({
      id,
      callFrame: { functionName, url: 'chrome-extension://abc/chunks/panel.js', lineNumber: 0, columnNumber: id },
    });
    const samples: TraceEvent[] = [
      { name: 'Profile', ph: 'P', ...PANEL, ts: 0, id: '0x1', args: { data: { startTime: 100_000 } } },
      // 101, 102, 103 ms: two in render, one in layoutText; the last (150 ms) is past the task.
      {
        name: 'ProfileChunk',
        ph: 'P',
        pid: 7,
        tid: 9,
        ts: 0,
        id: '0x1',
        args: { data: { cpuProfile: { nodes: [node(1, 'render'), node(2, 'layoutText')], samples: [1, 1, 2, 1] }, timeDeltas: [1000, 1000, 1000, 47_000] } },
      },
    ];
    expect(sampledFunctions([...trace, ...samples], th, { start: 101_000, dur: 40_000 })).toEqual([
      ['render /chunks/panel.js:1:2', 2],
      ['layoutText /chunks/panel.js:1:3', 1],
    ]);
  });
});
