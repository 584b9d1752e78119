import { describe, expect, it } from 'vitest';
import { prunablePackVersions } from './prune';

const rows = (id: string, versions: number[], seq = false) => versions.map((version) => ({ id, version, ...(seq ? { sequence: version * 10 } : {}) }));

describe('prunablePackVersions', () => {
  it('keeps the newest two versions of each pack and lets the older ones go', () => {
    expect(prunablePackVersions([...rows('a', [1, 2, 3, 4]), ...rows('b', [7])], [])).toEqual([
      ['a', 2],
      ['a', 1],
    ]);
  });

  it('keeps every version a stored run (open or finished) was started on', () => {
    const runs = [
      { packId: 'a', packVersion: 1 },
      { packId: 'b', packVersion: 2 },
    ];
    expect(prunablePackVersions(rows('a', [1, 2, 3, 4]), runs)).toEqual([['a', 2]]);
  });

  it('keeps the version holding the highest signed sequence, even when it is not the newest', () => {
    const list = [{ id: 'a', version: 1, sequence: 90 }, ...rows('a', [2, 3, 4], true)];
    expect(prunablePackVersions(list, [])).toEqual([['a', 2]]);
  });

  it("keeps each key's highest sequence, and orders by rank before version", () => {
    // A rogue key's v9 at a huge sequence; the company's v1..v4 rank higher.
    const list = [
      { id: 'a', version: 9, keyId: 'rogue', sequence: 2 ** 53 - 1 },
      ...[1, 2, 3, 4].map((v) => ({ id: 'a', version: v, keyId: 'co', sequence: v })),
    ];
    const rank = (r: { keyId?: string }) => (r.keyId === 'co' ? 2 : 1);
    // Kept: v4, v3 (top two by rank), v9 (rogue's counter), v4 again (co's counter).
    expect(prunablePackVersions(list, [], rank)).toEqual([
      ['a', 2],
      ['a', 1],
    ]);
    // By version alone, the company's previous release (v3) would go.
    expect(prunablePackVersions(list, [])).toEqual([
      ['a', 3],
      ['a', 2],
      ['a', 1],
    ]);
  });

  it('prunes nothing while there are two versions or fewer', () => {
    expect(prunablePackVersions([...rows('a', [5, 9]), ...rows('b', [1])], [])).toEqual([]);
  });
});
