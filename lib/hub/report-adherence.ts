/**
 * The Adherence view: per procedure and version, where contacts end, time per step
 * (median, p90), required items skipped with reasons, back-steps. Every figure is over a
 * group; a group of fewer than `minGroup` distinct agents is left out (privacy by default).
 */
import type { Queryable } from './db';

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

function where(f: Filter, first = 1): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (cond: string, value: unknown) => {
    params.push(value);
    parts.push(cond.replace('?', `$${first + params.length - 1}`));
  };
  if (f.team) add('team = ?', f.team);
  if (f.channel) add('channel = ?', f.channel);
  if (f.from !== undefined) add('at >= ?', f.from);
  if (f.to !== undefined) add('at < ?', f.to);
  return { sql: parts.length ? ` AND ${parts.join(' AND ')}` : '', params };
}

export async function procedures(db: Queryable, f: Filter, minGroup: number): Promise<(ProcedureKey & { runs: number; agents: number })[]> {
  const w = where(f, 2);
  return db.query(
    `SELECT pack_id, procedure_id, version, count(*)::int AS runs, count(DISTINCT agent_id)::int AS agents
     FROM ev_run WHERE true${w.sql} GROUP BY 1, 2, 3 HAVING count(DISTINCT agent_id) >= $1 ORDER BY 1, 2, 3 DESC`,
    [minGroup, ...w.params],
  );
}

export interface Adherence {
  runs: number;
  agents: number;
  /** Where contacts ended: step → count, and outcome counts. */
  ends: { step: string; outcome: string; runs: number }[];
  steps: { step: string; visits: number; median: number; p90: number; back: number }[];
  skips: { item: string; step: string; reason: string; count: number }[];
}

/** Undefined when the selection covers fewer than `minGroup` agents. */
export async function adherence(db: Queryable, k: ProcedureKey, f: Filter, minGroup: number): Promise<Adherence | undefined> {
  const w = where(f, 4);
  const base = `FROM ev_run WHERE pack_id = $1 AND procedure_id = $2 AND version = $3${w.sql}`;
  const params = [k.pack_id, k.procedure_id, k.version, ...w.params];
  const [size] = await db.query<{ runs: number; agents: number }>(`SELECT count(*)::int AS runs, count(DISTINCT agent_id)::int AS agents ${base}`, params);
  if (!size || size.agents < minGroup) return undefined;
  const ends = await db.query<{ step: string; outcome: string; runs: number }>(
    `SELECT end_step AS step, outcome, count(*)::int AS runs ${base} GROUP BY 1, 2 ORDER BY 3 DESC`,
    params,
  );
  // A step visited again counts as a back-step at that step.
  const steps = await db.query<{ step: string; visits: number; median: number; p90: number; back: number }>(
    `SELECT s.step, count(*)::int AS visits,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY s.ms)::float8 AS median,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY s.ms)::float8 AS p90,
            count(*) FILTER (WHERE s.n > 1)::int AS back
     FROM (SELECT e.value->>'stepId' AS step, (e.value->>'ms')::int AS ms,
                  row_number() OVER (PARTITION BY r.agent_id, r.event_id, e.value->>'stepId' ORDER BY e.ordinality) AS n
           FROM (SELECT agent_id, event_id, path ${base}) r, jsonb_array_elements(r.path) WITH ORDINALITY e) s
     GROUP BY s.step ORDER BY visits DESC`,
    params,
  );
  const skips = await db.query<{ item: string; step: string; reason: string; count: number }>(
    `SELECT e.value->>'itemId' AS item, e.value->>'stepId' AS step, e.value->>'reason' AS reason, count(*)::int AS count
     FROM (SELECT skipped ${base}) r, jsonb_array_elements(r.skipped) e GROUP BY 1, 2, 3 ORDER BY 4 DESC LIMIT 200`,
    params,
  );
  return { runs: size.runs, agents: size.agents, ends, steps, skips };
}

export async function brokenAnchors(db: Queryable, minGroup: number): Promise<{ pack_id: string; anchor_id: string; page: string; agents: number; since: number; last: number }[]> {
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
