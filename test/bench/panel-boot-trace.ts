/**
 * Reading a Chrome trace for test/bench/panel-boot.ts: the panel renderer's main-thread tasks
 * around its boot, split into phases, and what fills a task (nested trace events, and the
 * functions V8 sampled in it). Pure: events in, figures out.
 */

export interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time: less than `dur` when the thread was descheduled (a busy machine). */
  tdur?: number;
  id?: string;
  args?: { name?: string; data?: Record<string, unknown> & { cpuProfile?: ProfileChunk; timeDeltas?: number[]; startTime?: number } };
}
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber?: number; columnNumber?: number };
}
interface ProfileChunk {
  nodes?: ProfileNode[];
  samples?: number[];
}
export interface Task {
  start: number;
  dur: number;
  cpu?: number;
}
export interface Thread {
  pid: number;
  tid: number;
  /** The frame's navigation start, on the trace clock (µs). */
  start: number;
  ready: number;
}
export interface Phases {
  /** Before the panel's first script: navigation commit, HTML parsing (Chromium's own work). */
  commit: Task[];
  /** From the task that evaluates the panel's first script to the one that makes it ready. */
  boot: Task[];
  after: Task[];
}

const TASK_NAMES = new Set(['RunTask', 'ThreadControllerImpl::RunTask', 'BlinkScheduler_PerformMicrotaskCheckpoint']);
const SCRIPT_EVENTS = new Set(['v8.evaluateModule', 'EvaluateScript', 'v8.compileModule']);

/**
 * The panel renderer's main thread (the one that marked `readyMark`) and its boot window on
 * the trace clock: from the frame's navigation start, `readyMs` before the mark. The process
 * is shared with the extension's service worker, so the thread matters, not only the pid.
 */
export function panelThread(events: TraceEvent[], readyMark: string, readyMs: number): Thread {
  const ready = events.find((e) => e.name === readyMark);
  if (!ready) throw new Error(`The trace lacks the panel's ${readyMark} mark (${events.length} events)`);
  return { pid: ready.pid, tid: ready.tid, start: ready.ts - readyMs * 1000, ready: ready.ts };
}

const on = (th: Pick<Thread, 'pid' | 'tid'>) => (e: TraceEvent) => e.pid === th.pid && e.tid === th.tid && e.ph === 'X';
const within = (t: Task) => (e: TraceEvent) => e.ts >= t.start && e.ts < t.start + t.dur;

/**
 * Outermost tasks of one thread: 'toplevel' events not inside another. Most are RunTask; a
 * scheduler.yield() continuation runs as a bare microtask checkpoint, outside any RunTask.
 */
export function tasksOf(events: TraceEvent[], th: Pick<Thread, 'pid' | 'tid'>): Task[] {
  const xs = events.filter((e) => on(th)(e) && e.cat?.split(',').includes('toplevel')).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const out: Task[] = [];
  for (const e of xs) {
    const last = out.at(-1);
    if (last && e.ts < last.start + last.dur) continue;
    out.push({ start: e.ts, dur: e.dur ?? 0, cpu: e.tdur });
  }
  return out;
}

/** The thread's tasks from navigation start to `afterUs` past ready, by phase. */
export function phases(events: TraceEvent[], th: Thread, afterUs: number): Phases {
  const tasks = tasksOf(events, th).filter((t) => t.start + t.dur > th.start && t.start < th.ready + afterUs);
  const scripts = events.filter((e) => on(th)(e) && SCRIPT_EVENTS.has(e.name) && e.ts >= th.start);
  const first = tasks.find((t) => scripts.some(within(t)));
  const firstAt = first?.start ?? th.ready;
  return {
    commit: tasks.filter((t) => t.start < firstAt),
    boot: tasks.filter((t) => t.start >= firstAt && t.start <= th.ready),
    after: tasks.filter((t) => t.start > th.ready),
  };
}

/** The longest task (wall time, as a long task is judged), in ms, with its CPU time. */
export function longest(ts: Task[]): { ms: number; cpuMs: number } {
  const t = ts.reduce<Task | undefined>((a, b) => (!a || b.dur > a.dur ? b : a), undefined);
  return { ms: (t?.dur ?? 0) / 1000, cpuMs: (t?.cpu ?? t?.dur ?? 0) / 1000 };
}

/** The names of the events that fill most of a task, outermost first. */
export function label(events: TraceEvent[], th: Thread, task: Task): string {
  const big = events.filter((e) => on(th)(e) && within(task)(e) && (e.dur ?? 0) >= task.dur * 0.3 && !TASK_NAMES.has(e.name));
  return [...new Set(big.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0)).map((e) => e.name))].slice(0, 5).join(' > ');
}

const shortUrl = (url: string) => url.replace(/^chrome-extension:\/\/[a-z]+/, '');

/** An outline of one task: each event of 1 ms or more at its nesting depth, in time order. */
export function outline(events: TraceEvent[], th: Thread, task: Task, maxLines = 60): string[] {
  const inside = events.filter((e) => on(th)(e) && within(task)(e) && !TASK_NAMES.has(e.name));
  const lines: string[] = [];
  const open: number[] = [];
  for (const e of inside.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0))) {
    while (open.length && e.ts >= open.at(-1)!) open.pop();
    open.push(e.ts + (e.dur ?? 0));
    if ((e.dur ?? 0) < 1000 || lines.length >= maxLines) continue;
    const data = e.args?.data;
    const what = shortUrl(String(data?.url ?? data?.fileName ?? data?.functionName ?? ''));
    lines.push(`${((e.dur ?? 0) / 1000).toFixed(1).padStart(6)} ms ${'  '.repeat(open.length - 1)}${e.name}${what ? ` ${what}` : ''}`);
  }
  return lines;
}

/** Samples per function (self time) that fall inside `task`, from the thread's V8 profile. */
export function sampledFunctions(events: TraceEvent[], th: Thread, task: Task, top = 15): [string, number][] {
  const profile = events.find((e) => e.pid === th.pid && e.tid === th.tid && e.name === 'Profile');
  if (!profile) return [];
  const nodes = new Map<number, ProfileNode>();
  const self = new Map<string, number>();
  let t = Number(profile.args?.data?.startTime ?? profile.ts);
  for (const e of events) {
    if (e.pid !== th.pid || e.name !== 'ProfileChunk' || e.id !== profile.id) continue;
    const chunk = e.args?.data?.cpuProfile;
    for (const n of chunk?.nodes ?? []) nodes.set(n.id, n);
    const deltas = e.args?.data?.timeDeltas ?? [];
    (chunk?.samples ?? []).forEach((id, i) => {
      t += deltas[i] ?? 0;
      const f = nodes.get(id)?.callFrame;
      if (!f || t < task.start || t >= task.start + task.dur) return;
      const where = f.url ? ` ${shortUrl(f.url)}:${(f.lineNumber ?? 0) + 1}:${(f.columnNumber ?? 0) + 1}` : '';
      const key = `${f.functionName || '(anonymous)'}${where}`;
      self.set(key, (self.get(key) ?? 0) + 1);
    });
  }
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, top);
}
