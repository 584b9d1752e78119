/**
 * Run summaries and their daily roll-ups (migrations 002 and 003), stored by one SQL
 * statement per batch: the rows go in as one JSON parameter, the INSERT … ON CONFLICT DO
 * NOTHING returns the ids stored now, and the roll-ups add only those. A resend adds nothing,
 * so the roll-ups are exactly-once like the events; one statement is atomic without a
 * transaction of its own and costs one round trip (docs/hub.md, "Running at scale").
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

/** Entering a step already on the path: the agent went back (or a loop sent them back). */
export function backSteps(path: readonly string[]): number {
  const seen = new Set<string>();
  let n = 0;
  for (const s of path) {
    if (seen.has(s)) n++;
    seen.add(s);
  }
  return n;
}

/** What the statement reads of one run: its columns, its day, and each step's bucket and back flag. */
export function runRows(runs: readonly RunEvent[]) {
  return runs.map((r) => {
    const seen = new Set<string>();
    const steps = r.path.map((p) => {
      const back = seen.has(p.stepId) ? 1 : 0;
      seen.add(p.stepId);
      return { step_id: p.stepId, bucket: bucketOf(p.ms), back };
    });
    return {
      event_id: r.id,
      at: r.at,
      pack_id: r.packId,
      version: r.version,
      procedure_id: r.procedureId,
      channel: r.channel ?? null,
      outcome: r.outcome,
      end_step: r.path[r.path.length - 1]!.stepId,
      back_steps: steps.reduce((n, s) => n + s.back, 0),
      path: r.path,
      skipped: r.skipped,
      day: Math.floor(r.at / DAY_MS),
      steps,
    };
  });
}

const K = 'pack_id, procedure_id, version, day';
/** 63 bits: agent_span.recent's days, bit i = last_day - i (migration 006); the sign bit stays clear. */
const BITS63 = '9223372036854775807';
/** `recent` re-based on the later of the two last days: the other side's bits shift by the gap, or drop past 63 days. */
const shifted = (bits: string, gap: string) => `CASE WHEN ${gap} < 63 THEN (${bits} << (${gap})::int) & ${BITS63} ELSE 0 END`;
const RECENT_MERGE = `CASE WHEN EXCLUDED.last_day >= agent_span.last_day
      THEN ${shifted('agent_span.recent', 'EXCLUDED.last_day - agent_span.last_day')} | EXCLUDED.recent
      ELSE agent_span.recent | ${shifted('EXCLUDED.recent', 'agent_span.last_day - EXCLUDED.last_day')} END`;
/**
 * One batch is one agent, so one team: the per-team groups are also the all-teams groups.
 * Each roll-up adds rows in key order, and the sub-statements run in the same order in every
 * batch: two hubs adding to the same rows lock them in the same order and cannot deadlock.
 */
const add = (table: string, cols: string, from: string, sums: string[]) =>
  `INSERT INTO ${table} (${cols}, ${sums.join(', ')}) SELECT ${cols}, ${sums.join(', ')} FROM ${from} ORDER BY ${cols}
   ON CONFLICT (${cols}) DO UPDATE SET ${sums.map((c) => `${c} = ${table}.${c} + EXCLUDED.${c}`).join(', ')}`;

export const STORE_RUNS_SQL = `WITH b AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(event_id text, at bigint, pack_id text, version integer, procedure_id text, channel text,
    outcome text, end_step text, back_steps integer, path jsonb, skipped jsonb, day integer, steps jsonb)
), ins AS (
  INSERT INTO ev_run (agent_id, event_id, team, at, pack_id, version, procedure_id, channel, outcome, end_step, back_steps, path, skipped)
  SELECT $2::text, event_id, $3::text, at, pack_id, version, procedure_id, channel, outcome, end_step, back_steps, path, skipped FROM b
  ON CONFLICT (agent_id, event_id) DO NOTHING RETURNING event_id
), n AS (
  SELECT b.${K.replaceAll(', ', ', b.')}, $3::text AS team, coalesce(b.channel, '') AS channel, b.end_step, b.outcome, b.steps, b.skipped
  FROM b JOIN ins USING (event_id)
), en AS (
  SELECT ${K}, team, channel, end_step, outcome, count(*)::int AS runs FROM n GROUP BY ${K}, team, channel, end_step, outcome
), st AS (
  SELECT ${K}, team, channel, s.step_id, s.bucket, count(*)::int AS visits, sum(s.back)::int AS back
  FROM n, jsonb_to_recordset(n.steps) AS s(step_id text, bucket smallint, back integer) GROUP BY ${K}, team, channel, s.step_id, s.bucket
), sk AS (
  SELECT ${K}, team, channel, s."itemId" AS item_id, s."stepId" AS step_id, s.reason, count(*)::int AS count
  FROM n, jsonb_to_recordset(n.skipped) AS s("itemId" text, "stepId" text, reason text) GROUP BY ${K}, team, channel, 7, 8, 9
), r1 AS (${add('run_day', `${K}, team, channel, end_step, outcome`, 'en', ['runs'])}
), r2 AS (${add('run_all', `${K}, channel, end_step, outcome`, 'en', ['runs'])}
), s1 AS (${add('step_day', `${K}, team, channel, step_id, bucket`, 'st', ['visits', 'back'])}
), s2 AS (${add('step_all', `${K}, channel, step_id, bucket`, 'st', ['visits', 'back'])}
), k1 AS (${add('skip_day', `${K}, team, channel, item_id, step_id, reason`, 'sk', ['count'])}
), k2 AS (${add('skip_all', `${K}, channel, item_id, step_id, reason`, 'sk', ['count'])}
), a1 AS (
  INSERT INTO agent_day (${K}, team, channel, agent_id) SELECT DISTINCT ${K}, team, channel, $2::text FROM n ORDER BY ${K}, team, channel
  ON CONFLICT DO NOTHING
), a2 AS (
  INSERT INTO agent_span (pack_id, procedure_id, version, team, channel, agent_id, first_day, last_day, recent)
  SELECT pack_id, procedure_id, version, team, channel, $2::text, min(day), max(day), bit_or(CASE WHEN top - day < 63 THEN 1::bigint << (top - day) ELSE 0 END)
  FROM (SELECT pack_id, procedure_id, version, team, channel, day, max(day) OVER (PARTITION BY pack_id, procedure_id, version, team, channel) AS top FROM n) x
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (pack_id, procedure_id, version, team, channel, agent_id)
  DO UPDATE SET first_day = least(agent_span.first_day, EXCLUDED.first_day), last_day = greatest(agent_span.last_day, EXCLUDED.last_day),
    recent = ${RECENT_MERGE}
)
SELECT event_id FROM ins`;

/** Stores the runs not stored yet and adds them to the roll-ups; returns the ids stored now. */
export async function storeRuns(q: Queryable, agent: Agent, runs: readonly RunEvent[]): Promise<string[]> {
  if (!runs.length) return [];
  const rows = await q.query<{ event_id: string }>(STORE_RUNS_SQL, [JSON.stringify(runRows(runs)), agent.agent_id, agent.team]);
  return rows.map((r) => r.event_id);
}
