/**
 * Which stored pack versions can go. One release a day would otherwise keep every version an
 * agent ever received (≈100 KB each for the default pack). Kept, per pack id: the top two by
 * (rank, version) (the release in use, and the one "what changed" compares it with; rank.ts),
 * for each signing key the version holding its highest sequence (per-key rollback protection
 * reads it), and every version a stored run was started on (a run keeps its version until it
 * is finished, and history still shows finished runs).
 */
export interface PackRowKey {
  id: string;
  version: number;
  keyId?: string;
  sequence?: number;
}

export interface RunRef {
  packId: string;
  packVersion: number;
}

export const KEEP_NEWEST = 2;

/** `rankOf`: the row's rank under the trust in force (rank.ts); without it, versions alone order. */
export function prunablePackVersions<R extends PackRowKey>(
  rows: readonly R[],
  runs: readonly RunRef[],
  rankOf: (row: R) => number = () => 0,
): Array<[string, number]> {
  const used = new Set(runs.map((r) => `${r.packId}\u0000${r.packVersion}`));
  const byId = new Map<string, R[]>();
  for (const r of rows) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
  const out: Array<[string, number]> = [];
  for (const [id, list] of byId) {
    const newestFirst = [...list].sort((a, b) => rankOf(b) - rankOf(a) || b.version - a.version);
    // Per key: a key's counter must survive pruning, or its older releases could come back.
    const topOfKey = new Map<string, R>();
    for (const r of list) {
      if (r.sequence === undefined) continue;
      const k = r.keyId ?? '';
      const top = topOfKey.get(k);
      if (!top || r.sequence > top.sequence!) topOfKey.set(k, r);
    }
    const keep = new Set(topOfKey.values());
    newestFirst.forEach((r, i) => {
      if (i < KEEP_NEWEST || keep.has(r) || used.has(`${id}\u0000${r.version}`)) return;
      out.push([id, r.version]);
    });
  }
  return out;
}
