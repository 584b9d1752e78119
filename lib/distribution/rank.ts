/**
 * Who vouches for an installed release, and which release of a pack id is in use (issue 10).
 *
 * A release's rank comes from its signing key as trusted NOW: a key set by managed policy
 * outranks a key the agent added, any signed release outranks an unsigned one, and a release
 * whose key is no longer trusted for its id counts for nothing. Ranks are recomputed on every
 * read, never stored, so removing a key (or a binding) takes effect at once.
 *
 * The rules, each decided here and only here:
 * - The release in use (the "head") is the one with the highest (rank, version).
 * - A new release of lower rank than the best counting release installed is refused, so a key
 *   the agent added never displaces a policy key's release, and an unsigned file never
 *   displaces a signed one.
 * - Versions only have to rise within a rank: a rogue agent-key v9999 does not block the
 *   company's v4, which becomes the head because it ranks higher.
 * - Rollback sequences are per (pack id, key): a key's huge sequence raises only its own counter.
 * Pure: no browser, no Dexie; rows come from the caller.
 */
import { anyPackIdMatches } from '../pack/pack-id-pattern';
import type { Source } from './policy';

export const RANK = { policy: 2, agent: 1, unsigned: 0, untrusted: -1 } as const;

/** A trusted key as the rank rules see it: its id, who set it, and the pack ids it may sign. */
export interface Grant {
  keyId: string;
  source: Source;
  packIds: readonly string[];
}

/** The part of a stored release the rules read. */
export interface ReleaseRef {
  version: number;
  keyId?: string;
  sequence?: number;
}

export type GrantIndex = ReadonlyMap<string, Grant>;

/** keyId → grant. A key listed twice keeps its first entry: callers list policy keys first. */
export function grantIndex(grants: readonly Grant[]): GrantIndex {
  const map = new Map<string, Grant>();
  for (const g of grants) if (!map.has(g.keyId)) map.set(g.keyId, g);
  return map;
}

/** The rank a release of `packId` signed by `keyId` (undefined: unsigned) has under `index`. */
export function rankOf(keyId: string | undefined, packId: string, index: GrantIndex): number {
  if (keyId === undefined) return RANK.unsigned;
  const g = index.get(keyId);
  if (!g || !anyPackIdMatches(g.packIds, packId)) return RANK.untrusted;
  return g.source === 'policy' ? RANK.policy : RANK.agent;
}

const better = (a: { rank: number; version: number }, b: { rank: number; version: number }) => (a.rank !== b.rank ? a.rank > b.rank : a.version > b.version);

/**
 * The release in use: highest (rank, version). Releases of untrusted keys rank lowest but still
 * serve when nothing else of that id is installed, so removing a key never takes an agent's only
 * script away mid-shift; any counting release replaces them.
 */
export function headOf<R extends ReleaseRef>(rows: readonly R[], packId: string, index: GrantIndex): R | undefined {
  let best: { row: R; rank: number; version: number } | undefined;
  for (const row of rows) {
    const cand = { row, rank: rankOf(row.keyId, packId, index), version: row.version };
    if (!best || better(cand, best)) best = cand;
  }
  return best?.row;
}

/** The highest sequence installed of this pack id from this key (whatever its trust now). */
export function lastSequenceOf(rows: readonly ReleaseRef[], keyId: string): number | undefined {
  let top: number | undefined;
  for (const r of rows) if (r.keyId === keyId && r.sequence !== undefined && (top === undefined || r.sequence > top)) top = r.sequence;
  return top;
}

export type Admission<R> =
  | { ok: true; rank: number; /** The newest installed release of the same rank: versions must not go below it. */ sameRankHead?: R }
  | { ok: false; code: 'outranked' | 'signed-installed'; message: string };

/**
 * Whether a new release of `packId` with `rank` may be installed at all, given what is installed.
 * Version and content checks against `sameRankHead` are the caller's (evaluate.ts).
 */
export function admit<R extends ReleaseRef>(packId: string, rank: number, keyId: string | undefined, rows: readonly R[], index: GrantIndex): Admission<R> {
  let top: number = RANK.untrusted;
  let sameRankHead: R | undefined;
  for (const row of rows) {
    const r = rankOf(row.keyId, packId, index);
    if (r > top) top = r;
    if (r === rank && (!sameRankHead || row.version > sameRankHead.version)) sameRankHead = row;
  }
  if (rank < top && rank === RANK.unsigned) {
    return {
      ok: false,
      code: 'signed-installed',
      message: `Pack "${packId}" has a signed release installed; an unsigned file never replaces a signed release, whatever its version.`,
    };
  }
  if (rank < top) {
    return {
      ok: false,
      code: 'outranked',
      message: `Pack "${packId}" has a release signed by a key your organisation set by policy; key ${keyId}, added in this browser, cannot replace it. Only your organisation's keys publish "${packId}" now.`,
    };
  }
  return sameRankHead ? { ok: true, rank, sameRankHead } : { ok: true, rank };
}
