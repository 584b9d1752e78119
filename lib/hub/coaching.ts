/**
 * Fading guidance from the field (issue 13.3): stored per agent and step as the newest state
 * the agent reported (migration 005), and shown on the Adherence page per step of the chosen
 * procedure — how many agents see it collapsed, their clean and all completions — only for
 * steps reported by at least `minGroup` agents (privacy by default).
 */
import type { Agent } from './accounts';
import type { Queryable } from './db';
import type { CoachingEvent } from './wire';

/**
 * One statement per batch, like the run summaries (lib/hub/rollup.ts): the events stored now
 * (ON CONFLICT DO NOTHING … RETURNING), then each step's newest state among them, kept where
 * it is newer than the stored one. Steps are upserted in key order: two hubs cannot deadlock.
 */
export const STORE_COACHING_SQL = `WITH b AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(event_id text, at bigint, pack_id text, version integer, procedure_id text, steps jsonb)
), ins AS (
  INSERT INTO ev_coaching (agent_id, event_id, team, at, pack_id, version, procedure_id, steps)
  SELECT $2::text, event_id, $3::text, at, pack_id, version, procedure_id, steps FROM b
  ON CONFLICT (agent_id, event_id) DO NOTHING RETURNING event_id
), latest AS (
  SELECT DISTINCT ON (b.pack_id, b.procedure_id, s."stepId") b.pack_id, b.procedure_id, s."stepId" AS step_id, b.version, b.at,
    s.collapsed, s.streak, s.clean, s.total
  FROM b JOIN ins USING (event_id), jsonb_to_recordset(b.steps) AS s("stepId" text, collapsed boolean, streak integer, clean integer, total integer)
  ORDER BY b.pack_id, b.procedure_id, s."stepId", b.at DESC, b.event_id DESC
), up AS (
  INSERT INTO coach_step (pack_id, procedure_id, step_id, agent_id, team, version, at, collapsed, streak, clean, total)
  SELECT pack_id, procedure_id, step_id, $2::text, $3::text, version, at, collapsed, streak, clean, total FROM latest ORDER BY 1, 2, 3
  ON CONFLICT (pack_id, procedure_id, step_id, agent_id) DO UPDATE SET team = EXCLUDED.team, version = EXCLUDED.version, at = EXCLUDED.at,
    collapsed = EXCLUDED.collapsed, streak = EXCLUDED.streak, clean = EXCLUDED.clean, total = EXCLUDED.total
  WHERE coach_step.at <= EXCLUDED.at
)
SELECT event_id FROM ins`;

/** Stores the coaching events not stored yet; returns the ids stored now. */
export async function storeCoaching(q: Queryable, agent: Agent, events: readonly CoachingEvent[]): Promise<string[]> {
  if (!events.length) return [];
  const rows = events.map((e) => ({ event_id: e.id, at: e.at, pack_id: e.packId, version: e.version, procedure_id: e.procedureId, steps: e.steps }));
  const stored = await q.query<{ event_id: string }>(STORE_COACHING_SQL, [JSON.stringify(rows), agent.agent_id, agent.team]);
  return stored.map((r) => r.event_id);
}

export interface CoachingRow {
  step: string;
  agents: number;
  /** Agents whose guidance for the step shows collapsed now. */
  collapsed: number;
  clean: number;
  total: number;
}

/** Per step of a procedure (any version), optionally one team's agents; steps of fewer than `minGroup` agents are left out. */
export async function coachingSteps(
  db: Queryable,
  k: { pack_id: string; procedure_id: string },
  f: { team?: string },
  minGroup: number,
): Promise<CoachingRow[]> {
  return db.query<CoachingRow>(
    `SELECT step_id AS step, count(*)::int AS agents, count(*) FILTER (WHERE collapsed)::int AS collapsed,
       sum(clean)::int AS clean, sum(total)::int AS total
     FROM coach_step WHERE pack_id = $1 AND procedure_id = $2 AND ($3::text IS NULL OR team = $3)
     GROUP BY 1 HAVING count(*) >= $4 ORDER BY 1`,
    [k.pack_id, k.procedure_id, f.team ?? null, minGroup],
  );
}
