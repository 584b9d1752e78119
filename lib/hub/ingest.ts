/**
 * Event batches: each event parsed on its own, the valid ones stored in one transaction
 * (or one statement, lib/hub/rollup.ts) with ON CONFLICT DO NOTHING on (agent, event id). An extension that resends a batch it
 * never got an answer for (at-least-once delivery) gets "duplicate" for what is stored
 * already: exactly-once storage, whichever hub process the resend reaches.
 */
import * as v from 'valibot';
import type { Agent } from './accounts';
import type { Db, Queryable } from './db';
import { storeRuns } from './rollup';
import { storeCoaching } from './coaching';

export { backSteps } from './rollup';
import { describeIssue, EventSchema, type BatchResult, type CoachingEvent, type HubEvent, type RunEvent } from './wire';

/** Events kept in a table of their own, one row each. */
type Plain = Exclude<HubEvent, RunEvent | CoachingEvent>;

export async function ingest(db: Db, agent: Agent, raw: unknown[], now: number): Promise<BatchResult> {
  const result: BatchResult = { accepted: [], duplicates: [], rejected: [] };
  const valid: HubEvent[] = [];
  const seen = new Set<string>();
  raw.forEach((item, index) => {
    const parsed = v.safeParse(EventSchema, item);
    const id = typeof (item as { id?: unknown })?.id === 'string' ? (item as { id: string }).id.slice(0, 64) : undefined;
    if (!parsed.success) result.rejected.push({ index, ...(id ? { id } : {}), problem: `events.${index}.${describeIssue(parsed.issues)}` });
    else if (parsed.output.at > now + 24 * 3600_000) result.rejected.push({ index, id, problem: `events.${index}.at: is more than a day in the future` });
    else if (seen.has(parsed.output.id)) result.duplicates.push(parsed.output.id);
    else {
      seen.add(parsed.output.id);
      valid.push(parsed.output);
    }
  });
  if (!valid.length) return result;
  const store = async (q: Queryable) => {
    const ids = new Set<string>();
    for (const type of ['release', 'ack', 'run', 'anchor', 'coaching'] as const) {
      const some = valid.filter((e) => e.type === type);
      if (!some.length) continue;
      const now =
        type === 'run'
          ? await storeRuns(q, agent, some as RunEvent[])
          : type === 'coaching'
            ? await storeCoaching(q, agent, some as CoachingEvent[])
            : await insert(q, agent, type, some as Plain[]);
      for (const id of now) ids.add(id);
    }
    return ids;
  };
  // Run summaries alone (nearly every batch) are one statement, atomic on its own: no
  // BEGIN / COMMIT round trips. Mixed batches take one transaction.
  const stored = valid.every((e) => e.type === 'run') ? await store(db) : await db.tx(store);
  for (const e of valid) (stored.has(e.id) ? result.accepted : result.duplicates).push(e.id);
  return result;
}

type Row = unknown[];

const TABLES = {
  release: { table: 'ev_release', columns: ['pack_id', 'version', 'sequence'] },
  ack: { table: 'ev_ack', columns: ['pack_id', 'version', 'procedure_id', 'step_id', 'phrase_id'] },
  anchor: { table: 'ev_anchor', columns: ['pack_id', 'anchor_id', 'page'] },
} as const;

function values(e: Plain): Row {
  switch (e.type) {
    case 'release':
      return [e.packId, e.version, e.sequence ?? null];
    case 'ack':
      return [e.packId, e.version, e.procedureId, e.stepId, e.phraseId];
    case 'anchor':
      return [e.packId, e.anchorId, e.page];
  }
}

/** One multi-row INSERT … ON CONFLICT DO NOTHING RETURNING event_id: the ids stored now. */
async function insert(q: Queryable, agent: Agent, type: keyof typeof TABLES, events: Plain[]): Promise<string[]> {
  const { table, columns } = TABLES[type];
  const all = ['agent_id', 'event_id', 'team', 'at', ...columns];
  const params: unknown[] = [];
  const tuples = events.map((e) => {
    const row = [agent.agent_id, e.id, agent.team, e.at, ...values(e)];
    const start = params.length;
    params.push(...row);
    return `(${row.map((_, i) => `$${start + i + 1}`).join(', ')})`;
  });
  const rows = await q.query<{ event_id: string }>(
    `INSERT INTO ${table} (${all.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT (agent_id, event_id) DO NOTHING RETURNING event_id`,
    params,
  );
  return rows.map((r) => r.event_id);
}
