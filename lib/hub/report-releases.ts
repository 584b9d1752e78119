/**
 * The Releases view: per release in a stage, who it is for, who reports having it, and per
 * changed phrase who acknowledged the new wording. Names of agents who have not are shown:
 * chasing them before a new tariff goes live is what this page is for (docs/hub.md,
 * "Privacy"); how agents *work* (Adherence) is only shown in groups.
 */
import { diffPacks } from '../pack/diff';
import { parsePack } from '../pack/parse';
import type { Pack } from '../pack/schema';
import { readSignedEnvelope } from '../pack/sign';
import { changedPhrases } from '../distribution/acks';
import type { Queryable } from './db';
import { listReleases, signedText, type Release } from './releases';

export interface PhraseStatus {
  procedureId: string;
  stepId: string;
  phraseId: string;
  acked: number;
  notAcked: string[];
}

export interface ReleaseStatus {
  release: Release;
  audience: number;
  have: number;
  missing: string[];
  phrases: PhraseStatus[];
}

function packOf(text: string | undefined): Pack | undefined {
  const env = text === undefined ? undefined : readSignedEnvelope(text);
  const parsed = env?.ok && env.payload ? parsePack(env.payload.pack) : undefined;
  return parsed?.ok ? parsed.pack : undefined;
}

export async function releaseStatus(db: Queryable): Promise<ReleaseStatus[]> {
  const releases = await listReleases(db);
  const agents = await db.query<{ agent_id: string; team: string }>('SELECT agent_id, team FROM agents ORDER BY agent_id');
  // Each agent's newest report per pack: what it holds now.
  const holding = await db.query<{ agent_id: string; pack_id: string; sequence: number | null; version: number }>(
    `SELECT DISTINCT ON (agent_id, pack_id) agent_id, pack_id, sequence, version FROM ev_release ORDER BY agent_id, pack_id, at DESC, event_id`,
  );
  const out: ReleaseStatus[] = [];
  for (const r of releases.filter((x) => x.stage !== 'draft')) {
    const audience = agents.filter((a) => r.stage !== 'pilot' || r.pilot_agents.includes(a.agent_id) || r.pilot_teams.includes(a.team)).map((a) => a.agent_id);
    const hasIt = new Set(holding.filter((h) => h.pack_id === r.pack_id && (h.sequence ?? 0) >= r.sequence).map((h) => h.agent_id));
    const previous = releases.find((x) => x.pack_id === r.pack_id && x.version < r.version);
    const [newPack, oldPack] = [packOf(await signedText(db, r.id)), previous ? packOf(await signedText(db, previous.id)) : undefined];
    const changes = newPack && oldPack ? changedPhrases(diffPacks(oldPack, newPack)) : [];
    const acks = await db.query<{ agent_id: string; procedure_id: string; phrase_id: string }>(
      'SELECT DISTINCT agent_id, procedure_id, phrase_id FROM ev_ack WHERE pack_id = $1 AND version = $2',
      [r.pack_id, r.version],
    );
    const phrases = changes.map((c) => {
      const who = new Set(acks.filter((a) => a.procedure_id === c.procedureId && a.phrase_id === c.phrase.id).map((a) => a.agent_id));
      return {
        procedureId: c.procedureId,
        stepId: c.stepId,
        phraseId: c.phrase.id,
        acked: audience.filter((a) => who.has(a)).length,
        notAcked: audience.filter((a) => !who.has(a)),
      };
    });
    out.push({
      release: r,
      audience: audience.length,
      have: audience.filter((a) => hasIt.has(a)).length,
      missing: audience.filter((a) => !hasIt.has(a)),
      phrases,
    });
  }
  return out;
}
