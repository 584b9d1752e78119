/**
 * The index against a brute-force filter over the same seeded corpus the benchmark uses:
 * every shortcut in search.ts (haystacks, prefix pass, early exit) must find exactly the
 * entries a plain `includes` over every field finds.
 */
import { describe, expect, it } from 'vitest';
import type { LText, Pack } from '../pack/schema';
import { makeCorpus, makePack, makeQueries } from '../../test/bench/search-bench';
import { buildIndex, search } from './index';
import { normalize, queryTerms } from './normalize';
import { pinyinInitials } from './pinyin';

/** Every entry as its key and normalized searchable strings (zh, en and zh pinyin initials). */
function rows(packs: Pack[]): { key: string; texts: string[]; pinyin: string[] }[] {
  const out: { key: string; texts: string[]; pinyin: string[] }[] = [];
  const add = (key: string, ...lts: (LText | undefined)[]) => {
    const zh = lts.flatMap((t) => (t ? [normalize(t['zh-CN'])] : []));
    const en = lts.flatMap((t) => (t?.en ? [normalize(t.en)] : []));
    out.push({ key, texts: [...zh, ...en], pinyin: zh.map(pinyinInitials) });
  };
  for (const p of packs)
    for (const proc of p.procedures) {
      add(`procedure:${proc.id}::`, proc.title, proc.description);
      for (const s of proc.steps) {
        add(`step:${proc.id}:${s.id}:`, s.title, s.guidance);
        for (const ph of s.phrases ?? []) add(`phrase:${proc.id}:${s.id}:${ph.id}`, ph.text, ph.label);
      }
    }
  return out;
}

function bruteForce(all: ReturnType<typeof rows>, query: string): string[] {
  const terms = queryTerms(query);
  const matches = (row: (typeof all)[number], term: string) =>
    row.texts.some((t) => t.includes(term)) || (/^[a-z]{2,}$/.test(term) && row.pinyin.some((p) => p.includes(term)));
  return all
    .filter((row) => terms.every((term) => matches(row, term)))
    .map((row) => row.key)
    .sort();
}

describe('search matches a brute-force filter', () => {
  const items = makeCorpus(3000, 11);
  const packs = [makePack(items)];
  const index = buildIndex(packs);
  const all = rows(packs);
  const queries = [...makeQueries(items, 3), '流程 1', 'step 12', '您好 hello', 'e', '。', 'zz', '请'];

  it.each(queries)('%s', (query) => {
    const hits = search(index, query, { limit: 1e9 });
    const keys = hits.map((h) => `${h.kind}:${h.procedureId}:${h.stepId ?? ''}:${h.phraseId ?? ''}`);
    expect(keys.sort()).toEqual(bruteForce(all, query));
    // Early exit must not change the top results: a small limit is a prefix of the full list.
    expect(search(index, query, { limit: 5 })).toEqual(hits.slice(0, 5));
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
  });
});
