/**
 * Daily roll-ups of run summaries (migrations/002_rollups.sql), added to in the same
 * transaction that stores the events, and only for events stored now: a resend adds
 * nothing, so the roll-ups are exactly-once like the events.
 */
import type { Queryable } from './db';
import type { RunEvent } from './wire';
import type { Agent } from './accounts';

export const DAY_MS = 86_400_000;
const PER_DOUBLING = 8;

/** Histogram bucket of a step time: within 4.5 % of (t + 1 s), 8 per doubling of (1 s + t). */
export const bucketOf = (ms: number) => Math.floor(PER_DOUBLING * Math.log2(1 + ms / 1000));
/** The middle of a bucket, in ms: what a percentile falling in it reads as. */
export const bucketMiddle = (b: number) => (2 ** ((b + 0.5) / PER_DOUBLING) - 1) * 1000;

/** The q-quantile (0..1) of a histogram given as [bucket, count] pairs. */
export function quantile(hist: readonly (readonly [number, number])[], q: number): number {
  const sorted = [...hist].sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((s, [, n]) => s + n, 0);
  if (!total) return 0;
  let seen = 0;
  for (const [b, n] of sorted) {
    seen += n;
    if (seen >= q * total) return bucketMiddle(b);
  }
  return bucketMiddle(sorted.at(-1)![0]);
}

type Counts = Map<string, { key: unknown[]; a: number; b: number }>;

function bump(m: Counts, key: unknown[], a: number, b = 0) {
  const k = JSON.stringify(key);
  const row = m.get(k) ?? { key, a: 0, b: 0 };
  row.a += a;
  row.b += b;
  m.set(k, row);
}

/**
 * Upserts in key order: two processes adding to the same rows then lock them in the same
 * order and cannot deadlock.
 */
async function upsert(q: Queryable, table: string, keyCols: string[], valCols: string[], m: Counts) {
  const rows = [...m.entries()]
    .sort(([x], [y]) => (x < y ? -1 : 1))
    .map(([, r]) => [...r.key, ...(valCols.length === 2 ? [r.a, r.b] : valCols.length === 1 ? [r.a] : [])]);
  const cols = [...keyCols, ...valCols];
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const params = chunk.flat();
    const tuples = chunk.map((_, r) => `(${cols.map((_, c) => `$${r * cols.length + c + 1}`).join(', ')})`);
    const update = valCols.length ? `DO UPDATE SET ${valCols.map((c) => `${c} = ${table}.${c} + EXCLUDED.${c}`).join(', ')}` : 'DO NOTHING';
    await q.query(`INSERT INTO ${table} (${cols.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT (${keyCols.join(', ')}) ${update}`, params);
  }
}

const BASE = ['pack_id', 'procedure_id', 'version', 'day', 'team', 'channel'];

export async function addRuns(q: Queryable, agent: Agent, runs: readonly RunEvent[]): Promise<void> {
  if (!runs.length) return;
  const ends: Counts = new Map();
  const steps: Counts = new Map();
  const skips: Counts = new Map();
  const agents: Counts = new Map();
  for (const r of runs) {
    const base = [r.packId, r.procedureId, r.version, Math.floor(r.at / DAY_MS), agent.team, r.channel ?? ''];
    bump(ends, [...base, r.path.at(-1)!.stepId, r.outcome], 1);
    const seen = new Set<string>();
    for (const p of r.path) {
      bump(steps, [...base, p.stepId, bucketOf(p.ms)], 1, seen.has(p.stepId) ? 1 : 0);
      seen.add(p.stepId);
    }
    for (const s of r.skipped) bump(skips, [...base, s.itemId, s.stepId, s.reason], 1);
    bump(agents, [...base, agent.agent_id], 0);
  }
  await upsert(q, 'run_day', [...BASE, 'end_step', 'outcome'], ['runs'], ends);
  await upsert(q, 'step_day', [...BASE, 'step_id', 'bucket'], ['visits', 'back'], steps);
  await upsert(q, 'skip_day', [...BASE, 'item_id', 'step_id', 'reason'], ['count'], skips);
  await upsert(q, 'agent_day', [...BASE, 'agent_id'], [], agents);
}
