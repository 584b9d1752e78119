/**
 * Signed releases and their stages. The hub cannot sign: it checks an upload exactly as
 * an agent's extension would (lib/distribution/evaluate.ts against the newest upload of that pack)
 * and serves the bytes unchanged.
 *
 * Stages: draft → pilot (named agents / teams) → everyone; `paused` stops serving a
 * release. An agent is served the highest-sequence release it is eligible for, so pausing
 * the newest release falls back to the one before it for agents that do not have it yet
 * (those that do keep it: the extension never installs a lower sequence).
 */
import { evaluatePackText, type Installed, type RefusalCode } from '../distribution/evaluate';
import { trustFromConfig } from '../distribution/trust';
import { ANY_PACK_ID } from '../pack/pack-id-pattern';
import { parsePack } from '../pack/parse';
import { readSignedEnvelope } from '../pack/sign';
import type { Db, Queryable } from './db';
import { sha256 } from './secrets';

export type Stage = 'draft' | 'pilot' | 'everyone' | 'paused';

export interface Release {
  id: number;
  pack_id: string;
  sequence: number;
  version: number;
  key_id: string;
  etag: string;
  uploaded_at: number;
  stage: Stage;
  pilot_agents: string[];
  pilot_teams: string[];
  scheduled_stage: Stage | null;
  scheduled_at: number | null;
  staged_at: number | null;
  /** Why the lead published although anchor tests failed (Studio, migration 004). */
  anchor_override: string | null;
}

const COLUMNS =
  'id, pack_id, sequence, version, key_id, etag, uploaded_at, stage, pilot_agents, pilot_teams, scheduled_stage, scheduled_at, staged_at, anchor_override';

export type PublishResult = { ok: true; release: Release } | { ok: false; code: RefusalCode | 'duplicate'; message: string };

/** A key the hub accepts uploads from, and the pack ids it may sign (any, unless given). */
export interface HubKey {
  publicKey: string;
  packIds?: string[];
}

/**
 * Every upload of a pack id, as the extension's trust rules read installed releases. The
 * hub's keys are the team's own, so they count as policy keys (lib/distribution/rank.ts).
 */
async function held(db: Queryable, packId: string): Promise<Installed[]> {
  const rows = await db.query<{ signed_text: string; sequence: number; version: number; key_id: string }>(
    'SELECT signed_text, sequence, version, key_id FROM releases WHERE pack_id = $1 ORDER BY sequence DESC',
    [packId],
  );
  return rows.map((row) => {
    const env = readSignedEnvelope(row.signed_text);
    const parsed = env.ok && env.payload ? parsePack(env.payload.pack) : undefined;
    if (!parsed?.ok) throw new Error(`stored release ${packId}#${row.sequence} no longer parses`);
    return { version: row.version, keyId: row.key_id, sequence: row.sequence, pack: parsed.pack };
  });
}

/** Verify and store an upload as a draft; refusals carry the extension's own code and words. */
export async function publish(db: Db, text: string, opts: { keys: readonly HubKey[]; now: number }): Promise<PublishResult> {
  // Unsigned packs are never served by a hub: agents would need allowUnsigned to take them.
  const trust = await trustFromConfig({
    trustedKeys: opts.keys.map((k) => ({ publicKey: k.publicKey, source: 'policy' as const, packIds: k.packIds ?? [ANY_PACK_ID] })),
    allowUnsigned: false,
  });
  return db.tx(async (q) => {
    const claimed = readSignedEnvelope(text);
    // One upload of a pack at a time, so the "newest upload" we check against stays newest.
    if (claimed.ok && claimed.payload) await q.query('SELECT pg_advisory_xact_lock(hashtext($1))', [claimed.payload.packId]);
    const verdict = await evaluatePackText(text, { trust, now: opts.now, held: (id) => held(q, id) });
    if (verdict.kind === 'refuse') return { ok: false, code: verdict.code, message: verdict.message };
    if (verdict.kind === 'unchanged') return { ok: false, code: 'duplicate', message: `This release of pack "${verdict.packId}" is already on the hub.` };
    const [release] = await q.query<Release>(
      `INSERT INTO releases (pack_id, sequence, version, key_id, signed_text, etag, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [verdict.pack.id, verdict.sequence, verdict.pack.version, verdict.keyId, text, `"${sha256(text).slice(0, 32)}"`, opts.now],
    );
    return { ok: true, release: release! };
  });
}

export async function getRelease(db: Queryable, id: number): Promise<Release | undefined> {
  const [row] = await db.query<Release>(`SELECT ${COLUMNS} FROM releases WHERE id = $1`, [id]);
  return row;
}

export async function listReleases(db: Queryable): Promise<Release[]> {
  return db.query<Release>(`SELECT ${COLUMNS} FROM releases ORDER BY pack_id, sequence DESC`);
}

export async function signedText(db: Queryable, id: number): Promise<string | undefined> {
  const [row] = await db.query<{ signed_text: string }>('SELECT signed_text FROM releases WHERE id = $1', [id]);
  return row?.signed_text;
}

export interface PromoteRequest {
  stage: 'pilot' | 'everyone';
  agents?: string[];
  teams?: string[];
  /** Epoch ms; later than now schedules the promotion instead of doing it. */
  at?: number;
}

export type ActionResult = { ok: true; release: Release } | { ok: false; status: 404 | 409; message: string };

export async function promote(db: Queryable, id: number, req: PromoteRequest, now: number): Promise<ActionResult> {
  const r = await getRelease(db, id);
  if (!r) return { ok: false, status: 404, message: `There is no release ${id}.` };
  if (req.stage === 'pilot' && !req.agents?.length && !req.teams?.length) {
    return { ok: false, status: 409, message: 'A pilot needs at least one agent or team.' };
  }
  const agents = req.stage === 'pilot' ? (req.agents ?? []) : r.pilot_agents;
  const teams = req.stage === 'pilot' ? (req.teams ?? []) : r.pilot_teams;
  if (req.at !== undefined && req.at > now) {
    const [row] = await db.query<Release>(
      `UPDATE releases SET scheduled_stage = $2, scheduled_at = $3, pilot_agents = $4, pilot_teams = $5 WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, req.stage, req.at, agents, teams],
    );
    return { ok: true, release: row! };
  }
  const [row] = await db.query<Release>(
    `UPDATE releases SET stage = $2, staged_at = $3, pilot_agents = $4, pilot_teams = $5, scheduled_stage = NULL, scheduled_at = NULL WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, req.stage, now, agents, teams],
  );
  return { ok: true, release: row! };
}

/** Stop serving a release (and cancel its scheduled promotion). */
export async function pause(db: Queryable, id: number, now: number): Promise<ActionResult> {
  const [row] = await db.query<Release>(
    `UPDATE releases SET stage = 'paused', staged_at = $2, scheduled_stage = NULL, scheduled_at = NULL WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, now],
  );
  return row ? { ok: true, release: row } : { ok: false, status: 404, message: `There is no release ${id}.` };
}

/** Carry out scheduled promotions that are due. Any hub process may do it; doing it twice is harmless. */
export async function applyDue(db: Queryable, now: number): Promise<number> {
  const rows = await db.query(
    `UPDATE releases SET stage = scheduled_stage, staged_at = scheduled_at, scheduled_stage = NULL, scheduled_at = NULL
     WHERE scheduled_at IS NOT NULL AND scheduled_at <= $1 RETURNING id`,
    [now],
  );
  return rows.length;
}

/** The release one agent (or, with no agent, anyone) is served of a pack. */
export async function releaseFor(
  db: Queryable,
  packId: string,
  agent?: { agent_id: string; team: string },
): Promise<{ id: number; etag: string; signed_text: string } | undefined> {
  const [row] = await db.query<{ id: number; etag: string; signed_text: string }>(
    `SELECT id, etag, signed_text FROM releases WHERE pack_id = $1
       AND (stage = 'everyone' OR (stage = 'pilot' AND ($2::text = ANY(pilot_agents) OR $3::text = ANY(pilot_teams))))
     ORDER BY sequence DESC LIMIT 1`,
    [packId, agent?.agent_id ?? null, agent?.team ?? null],
  );
  return row;
}

export async function servedPackIds(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ pack_id: string }>("SELECT DISTINCT pack_id FROM releases WHERE stage IN ('pilot', 'everyone') ORDER BY pack_id");
  return rows.map((r) => r.pack_id);
}
