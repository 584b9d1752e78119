/**
 * Which stored pack versions can go. One release a day would otherwise keep every version an
 * agent ever received (≈100 KB each for the default pack). Kept, per pack id: the newest two
 * (the current one, and the one "what changed" compares it with), the one holding the highest
 * signed sequence (rollback protection reads it), and every version a stored run was started
 * on (a run keeps its version until it is finished, and history still shows finished runs).
 */
export interface PackRowKey {
  id: string;
  version: number;
  sequence?: number;
}

export interface RunRef {
  packId: string;
  packVersion: number;
}

export const KEEP_NEWEST = 2;

export function prunablePackVersions(rows: readonly PackRowKey[], runs: readonly RunRef[]): Array<[string, number]> {
  const used = new Set(runs.map((r) => `${r.packId}\u0000${r.packVersion}`));
  const byId = new Map<string, PackRowKey[]>();
  for (const r of rows) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
  const out: Array<[string, number]> = [];
  for (const [id, list] of byId) {
    const newestFirst = [...list].sort((a, b) => b.version - a.version);
    const topSequence = Math.max(-Infinity, ...list.flatMap((r) => (r.sequence === undefined ? [] : [r.sequence])));
    newestFirst.forEach((r, i) => {
      if (i < KEEP_NEWEST || r.sequence === topSequence || used.has(`${id}\u0000${r.version}`)) return;
      out.push([id, r.version]);
    });
  }
  return out;
}
