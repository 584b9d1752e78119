import { describe, expect, it } from 'vitest';
import { analyseProcedure } from './map-graph';
import { readProcedures } from './source-model';
import { defaultPackFiles } from './test-pack';

const proc = (body: string) => readProcedures({ '01-p.md': `---\nid: p\ntitle: 流程\nkind: contact\n---\n\n${body}` })[0]!;

describe('the procedure map', () => {
  it('finds nothing wrong in the default pack', () => {
    for (const p of readProcedures(defaultPackFiles())) {
      const map = analyseProcedure(p, 'en');
      expect(map.nodes.filter((n) => n.unreachable || n.deadEnd).map((n) => `${p.file}#${n.id}`)).toEqual([]);
    }
  });

  it('lays a branch out by distance from the start, with an edge per choice', () => {
    const map = analyseProcedure(proc('## 一 {#a}\n\n- → 甲: b\n- → 乙: c\n\n## 二 {#b}\n\n> next: c\n\n## 三 {#c}\n'), 'zh');
    expect(map.nodes.map((n) => [n.id, n.column])).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 1],
    ]);
    expect(map.edges).toEqual([
      { from: 'a', to: 'b', missing: false },
      { from: 'a', to: 'c', missing: false },
      { from: 'b', to: 'c', missing: false },
    ]);
    expect(map.nodes.find((n) => n.id === 'c')!.end).toBe(true);
  });

  it('marks a step nothing leads to as unreachable, in a column of its own', () => {
    const map = analyseProcedure(proc('## 一 {#a}\n\n> end\n\n## 孤岛 | Island {#island}\n'), 'en');
    const island = map.nodes.find((n) => n.id === 'island')!;
    expect(island).toMatchObject({ unreachable: true, deadEnd: false, title: 'Island', column: 1 });
    expect(map.nodes.find((n) => n.id === 'a')!.unreachable).toBe(false);
  });

  it('marks a loop with no way out, and a next to a missing step, as dead ends', () => {
    const map = analyseProcedure(proc('## 一 {#a}\n\n- → 甲: b\n- → 乙: gone\n\n## 二 {#b}\n\n> next: c\n\n## 三 {#c}\n\n> next: b\n'), 'zh');
    const dead = map.nodes.filter((n) => n.deadEnd).map((n) => n.id);
    expect(dead).toEqual(['a', 'b', 'c']);
    expect(map.edges.find((e) => e.to === 'gone')!.missing).toBe(true);
  });
});
