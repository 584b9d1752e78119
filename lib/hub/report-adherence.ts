/**
 * The Adherence view: per procedure and version, where contacts end, time per step
 * (median, p90), required items skipped with reasons, back-steps, read from the daily
 * roll-ups (lib/hub/rollup.ts). Every figure is over a group; a group of fewer than
 * `minGroup` distinct agents is left out (privacy by default).
 */
import type { Queryable } from './db';
import { DAY_MS, quantile } from './rollup';

export interface Filter {
  team?: string;
  channel?: string;
  /** Epoch ms, inclusive / exclusive. */
  from?: number;
  to?: number;
}

export interface ProcedureKey {
  pack_id: string;
  procedure_id: string;
  version: number;
}

/**
 * Conditions on the roll-ups' columns; dates are whole UTC days (the filter's granularity).
 * Without a team filter the all-teams roll-ups are read (migration 003): `table('run')` is
 * run_all then, run_day with one.
 */
function where(f: Filter, first: number): { sql: string; params: unknown[]; table: (t: 'run' | 'step' | 'skip') => string } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (cond: string, value: unknown) => {
    params.push(value);
    parts.push(cond.replace('?', `$${first + params.length - 1}`));
  };
  if (f.team) add('team = ?', f.team);
  if (f.channel) add('channel = ?', f.channel);
  if (f.from !== undefined) add('day >= ?', Math.floor(f.from / DAY_MS));
  if (f.to !== undefined) add('day < ?', Math.ceil(f.to / DAY_MS));
  return { sql: parts.length ? ` AND ${parts.join(' AND ')}` : '', params, table: (t) => `${t}_${f.team ? 'day' : 'all'}` };
}

/**
 * The agents who reported within the filter, as rows (pack_id, procedure_id, version,
 * agent_id) of agent_span with `base` holding too. A span whose first or last day falls in
 * the window reported in it; one covering the window on both sides is decided by its own
 * `recent` bits (migration 006) when the window lies within 63 days of its last day, and
 * only otherwise looked up in agent_day. The three kinds are branches of a UNION ALL, not a
 * CASE or OR: the planner then estimates each from the spans it holds, where a CASE made it
 * assume a lookup per span — 1.2 M cost units at 10,000 agents, over PostgreSQL's JIT
 * threshold, which spent 300 ms compiling a 40 ms query (and seconds on a busy machine: the
 * 5.4 s p95 of the first bench).
 */
function agentRows(f: Filter, base: string, first: number): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (value: unknown) => `$${first + params.push(value) - 1}`;
  const parts = [base];
  if (f.team) parts.push(`s.team = ${p(f.team)}`);
  if (f.channel) parts.push(`s.channel = ${p(f.channel)}`);
  const span = (more: string) => `SELECT s.pack_id, s.procedure_id, s.version, s.agent_id FROM agent_span s WHERE ${[...parts, more].join(' AND ')}`;
  if (f.from === undefined && f.to === undefined) return { sql: span('true'), params };
  const fromDay = f.from === undefined ? -2_147_483_648 : Math.floor(f.from / DAY_MS);
  const toDay = f.to === undefined ? 2_147_483_647 : Math.ceil(f.to / DAY_MS);
  const [from, to] = [p(fromDay), p(toDay)];
  const decided = span(`s.first_day < ${to} AND s.last_day >= ${from} AND (s.first_day >= ${from} OR s.last_day < ${to})`);
  // No span covers an open-ended window on both sides.
  if (f.from === undefined || f.to === undefined) return { sql: decided, params };
  const covers = `s.first_day < ${from} AND s.last_day >= ${to}`;
  // A plain comparison of last_day, not `last_day - from`, so the planner reads its statistics
  // (it guessed a third of all spans for the expression and hashed the window's agent_day rows).
  const bitsEnd = p(fromDay + 63);
  const lookup = span(`${covers} AND s.last_day >= ${bitsEnd} AND EXISTS (
      SELECT 1 FROM agent_day d WHERE d.agent_id = s.agent_id AND d.pack_id = s.pack_id AND d.procedure_id = s.procedure_id
      AND d.version = s.version AND d.team = s.team AND d.channel = s.channel AND d.day >= ${from} AND d.day < ${to})`);
  // A window of more than 62 days cannot lie within 63 days of a span's last day after it.
  const width = toDay - fromDay;
  if (width > 62) return { sql: `${decided} UNION ALL ${lookup}`, params };
  // Days from..to-1 as bits of `recent` (bit i is day last_day - i): `width` ones, shifted up to day to-1.
  const ones = p(((1n << BigInt(width)) - 1n).toString());
  const bits = span(`${covers} AND s.last_day < ${bitsEnd} AND s.recent & (${ones}::bigint << (s.last_day - ${to} + 1)) <> 0`);
  const sql = `${decided} UNION ALL ${bits} UNION ALL ${lookup}`;
  return { sql, params };
}

export async function procedures(db: Queryable, f: Filter, minGroup: number): Promise<(ProcedureKey & { runs: number; agents: number })[]> {
  const a = agentRows(f, 'true', 2);
  const w = where(f, 2 + a.params.length);
  return db.query(
    `SELECT a.pack_id, a.procedure_id, a.version, r.runs, a.agents
     FROM (SELECT pack_id, procedure_id, version, count(DISTINCT agent_id)::int AS agents FROM (${a.sql}) s GROUP BY 1, 2, 3) a
     JOIN (SELECT pack_id, procedure_id, version, sum(runs)::int AS runs FROM ${w.table('run')} WHERE true${w.sql} GROUP BY 1, 2, 3) r USING (pack_id, procedure_id, version)
     WHERE a.agents >= $1 ORDER BY 1, 2, 3 DESC`,
    [minGroup, ...a.params, ...w.params],
  );
}

export interface Adherence {
  runs: number;
  agents: number;
  /** Where contacts ended: step and outcome → count. */
  ends: { step: string; outcome: string; runs: number }[];
  /** Median and p90 in ms, read from the step-time histogram (within 4.5 % of t + 1 s). */
  steps: { step: string; visits: number; median: number; p90: number; back: number }[];
  skips: { item: string; step: string; reason: string; count: number }[];
}

/** Undefined when the selection covers fewer than `minGroup` agents. */
export async function adherence(db: Queryable, k: ProcedureKey, f: Filter, minGroup: number): Promise<Adherence | undefined> {
  const w = where(f, 4);
  const sel = `WHERE pack_id = $1 AND procedure_id = $2 AND version = $3${w.sql}`;
  const params = [k.pack_id, k.procedure_id, k.version, ...w.params];
  const a = agentRows(f, 's.pack_id = $1 AND s.procedure_id = $2 AND s.version = $3', 4);
  const [who] = await db.query<{ agents: number }>(`SELECT count(DISTINCT agent_id)::int AS agents FROM (${a.sql}) s`, [
    k.pack_id,
    k.procedure_id,
    k.version,
    ...a.params,
  ]);
  if (!who || who.agents < minGroup) return undefined;
  const ends = await db.query<{ step: string; outcome: string; runs: number }>(
    `SELECT end_step AS step, outcome, sum(runs)::int AS runs FROM ${w.table('run')} ${sel} GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2`,
    params,
  );
  const hist = await db.query<{ step: string; bucket: number; visits: number; back: number }>(
    `SELECT step_id AS step, bucket, sum(visits)::int AS visits, sum(back)::int AS back FROM ${w.table('step')} ${sel} GROUP BY 1, 2`,
    params,
  );
  const bySteps = new Map<string, { visits: number; back: number; hist: [number, number][] }>();
  for (const h of hist) {
    const s = bySteps.get(h.step) ?? { visits: 0, back: 0, hist: [] };
    s.visits += h.visits;
    s.back += h.back;
    s.hist.push([h.bucket, h.visits]);
    bySteps.set(h.step, s);
  }
  const steps = [...bySteps.entries()]
    .map(([step, s]) => ({ step, visits: s.visits, median: quantile(s.hist, 0.5), p90: quantile(s.hist, 0.9), back: s.back }))
    .sort((a, b) => b.visits - a.visits || (a.step < b.step ? -1 : 1));
  const skips = await db.query<{ item: string; step: string; reason: string; count: number }>(
    `SELECT item_id AS item, step_id AS step, reason, sum(count)::int AS count FROM ${w.table('skip')} ${sel} GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1, 3 LIMIT 200`,
    params,
  );
  return { runs: ends.reduce((n, e) => n + e.runs, 0), agents: who.agents, ends, steps, skips };
}

export async function brokenAnchors(
  db: Queryable,
  minGroup: number,
): Promise<{ pack_id: string; anchor_id: string; page: string; agents: number; since: number; last: number }[]> {
  return db.query(
    `SELECT pack_id, anchor_id, page, count(DISTINCT agent_id)::int AS agents, min(at) AS since, max(at) AS last
     FROM ev_anchor GROUP BY 1, 2, 3 HAVING count(DISTINCT agent_id) >= $1 ORDER BY last DESC LIMIT 500`,
    [minGroup],
  );
}

/** CSV of the step table, quoted per RFC 4180; cells that look like formulas are defused. */
export function toCsv(rows: readonly Record<string, unknown>[]): string {
  if (!rows.length) return '';
  const cols = Object.keys(rows[0]!);
  const cell = (x: unknown) => {
    let s = x === null || x === undefined ? '' : String(x);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [cols.join(','), ...rows.map((r) => cols.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}
