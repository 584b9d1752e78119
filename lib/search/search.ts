/**
 * Answers palette queries from a SearchIndex. A query picks its most selective term (the
 * driver), finds candidate entries for it in four passes whose best possible scores fall
 * (prefix of a title, anywhere in a title, in guidance, in pinyin initials), scores each
 * candidate once on every term, and stops as soon as the top-k can no longer change.
 */
import type { Lang, LText } from '../pack/schema';
import { EN, KINDS, PRIMARY, type HitKind, type SearchIndex } from './build';
import { isBoundary, queryTerms } from './normalize';
import { pinyinSupported } from './pinyin';
import { TopK } from './top-k';

export interface Hit {
  kind: HitKind;
  packId: string;
  procedureId: string;
  stepId?: string;
  phraseId?: string;
  score: number;
  /** The entry's text in the requested language (zh-CN when it has no English). */
  text: string;
}

export interface SearchOptions {
  limit?: number;
  lang?: Lang;
}

// Match tiers. Guidance and descriptions count SECONDARY of a title match, so any title
// match (40+) beats any guidance match except an exact one. Adjustments (length ≤ 1,
// language 0.5) stay below the smallest gap between tiers (2), so they only break ties.
const EXACT = 100;
const PREFIX = 80;
const WORD_START = 60;
const SUBSTRING = 40;
const PINYIN_PREFIX = 25;
const PINYIN = 20;
const SECONDARY = 0.45;
const LANG_BONUS = 0.5;

function literal(text: string, term: string): number {
  let i = text.indexOf(term);
  if (i < 0) return 0;
  if (i === 0) return text.length === term.length ? EXACT : PREFIX;
  for (; i >= 0; i = text.indexOf(term, i + 1)) if (isBoundary(text.charCodeAt(i - 1))) return WORD_START;
  return SUBSTRING;
}

/** The best score of one term over an entry's fields, or -1 when no field matches it. */
function termScore(ix: SearchIndex, e: number, term: string, pinyin: boolean, en: boolean): number {
  let best = -1;
  for (let f = ix.fieldStart[e]!; f < ix.fieldStart[e + 1]!; f++) {
    const text = ix.fieldText[f]!;
    let s = literal(text, term);
    if (s === 0 && pinyin) {
      const i = ix.fieldPinyin[f]!.indexOf(term);
      s = i < 0 ? 0 : i === 0 ? PINYIN_PREFIX : PINYIN;
    }
    if (s === 0) continue;
    const flags = ix.fieldFlags[f]!;
    if (!(flags & PRIMARY)) s *= SECONDARY;
    s -= Math.min(text.length, 200) / 200;
    if (((flags & EN) !== 0) === en) s += LANG_BONUS;
    if (s > best) best = s;
  }
  return best;
}

/** The entry whose section of a haystack holds `pos` (the last start ≤ pos). */
function entryAt(starts: Int32Array, pos: number, n: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Pinyin initials are tried for runs of two or more ASCII letters; one letter matches too much. */
const pinyinTerm = (t: string) => /^[a-z]{2,}$/.test(t) && pinyinSupported();

export function search(ix: SearchIndex, query: string, opts: SearchOptions = {}): Hit[] {
  // Capped by the index size: the heap's arrays are allocated at `limit`.
  const limit = Math.min(ix.size, Math.max(0, Math.floor(opts.limit ?? 20)));
  const lang = opts.lang ?? 'zh-CN';
  const terms = queryTerms(query);
  if (terms.length === 0 || limit === 0 || ix.size === 0) return [];
  // Han terms and longer terms occur in fewer entries, so they make the cheapest driver.
  const weight = (t: string) => t.length + (/[\u0080-\uffff]/.test(t) ? 100 : 0);
  const driver = terms.reduce((a, b) => (weight(b) > weight(a) ? b : a));
  const pinyin = terms.map(pinyinTerm);
  const en = lang === 'en';
  if (++ix.generation > 0x3fffffff) {
    ix.generation = 1;
    ix.seen.fill(0);
  }
  const gen = ix.generation;
  const top = new TopK(limit);

  const consider = (e: number) => {
    if (ix.seen[e] === gen) return;
    ix.seen[e] = gen;
    let total = 0;
    for (let t = 0; t < terms.length; t++) {
      const s = termScore(ix, e, terms[t]!, pinyin[t]!, en);
      if (s < 0) return;
      total += s;
    }
    top.push(e, total);
  };
  const scan = (hay: string, starts: Int32Array) => {
    for (let pos = hay.indexOf(driver); pos >= 0;) {
      const e = entryAt(starts, pos, ix.size);
      consider(e);
      pos = hay.indexOf(driver, starts[e + 1]!);
    }
  };
  // Upper bound on what a candidate from a later pass can score: its driver score is capped
  // by the pass, every other term at a perfect title match.
  const others = (terms.length - 1) * (EXACT + LANG_BONUS);
  const done = (driverCap: number) => top.floor > driverCap + LANG_BONUS + others;

  prefixPass(ix, driver, consider);
  if (!done(WORD_START)) scan(ix.primary, ix.primaryStart);
  if (!done(EXACT * SECONDARY)) scan(ix.secondary, ix.secondaryStart);
  if (!done(PINYIN_PREFIX) && pinyinTerm(driver)) scan(ix.pinyin, ix.pinyinStart);

  return top.sorted().map(({ id, score }) => toHit(ix, id, score, lang));
}

/** Every entry with a title (or phrase text) starting with `term`, by binary search. */
function prefixPass(ix: SearchIndex, term: string, consider: (e: number) => void): void {
  const sorted = ix.sortedPrimary;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ix.fieldText[sorted[mid]!]! < term) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < sorted.length; i++) {
    const f = sorted[i]!;
    if (!ix.fieldText[f]!.startsWith(term)) break;
    consider(ix.fieldEntry[f]!);
  }
}

function toHit(ix: SearchIndex, e: number, score: number, lang: Lang): Hit {
  const display: LText = ix.display[e]!;
  const hit: Hit = {
    kind: KINDS[ix.kind[e]!]!,
    packId: ix.packId[e]!,
    procedureId: ix.procedureId[e]!,
    score,
    text: (lang === 'en' && display.en) || display['zh-CN'],
  };
  if (ix.stepId[e] !== undefined) hit.stepId = ix.stepId[e];
  if (ix.phraseId[e] !== undefined) hit.phraseId = ix.phraseId[e];
  return hit;
}
