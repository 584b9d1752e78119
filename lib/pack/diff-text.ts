/**
 * Word-level text diff for showing what changed in a phrase. Chinese has no spaces, so it
 * is cut into words with Intl.Segmenter where the runtime has it, else into characters.
 */
import type { Lang } from './schema';

export interface TextOp {
  op: 'eq' | 'add' | 'del';
  text: string;
}

/** `{customer.name}` stays one token: a changed placeholder should read as one change. */
const PLACEHOLDER = /(\{[A-Za-z_][\w.]*\})/;
const EN_TOKEN = /\s+|[\p{L}\p{N}_'’-]+|[^\s\p{L}\p{N}]/gu;
/** Beyond this many token pairs a line-by-line LCS gets slow; show it as replaced instead. */
const MAX_CELLS = 2_000_000;

let segmenter: Intl.Segmenter | null | undefined;

function zhSegmenter(): Intl.Segmenter | null {
  if (segmenter === undefined) {
    segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;
  }
  return segmenter;
}

export function tokenize(text: string, lang: Lang): string[] {
  const out: string[] = [];
  for (const part of text.split(PLACEHOLDER)) {
    if (!part) continue;
    if (PLACEHOLDER.test(part)) out.push(part);
    else if (lang === 'en') out.push(...(part.match(EN_TOKEN) ?? []));
    else {
      const seg = zhSegmenter();
      out.push(...(seg ? [...seg.segment(part)].map((s) => s.segment) : Array.from(part)));
    }
  }
  return out;
}

export function diffText(oldText: string, newText: string, lang: Lang): TextOp[] {
  const a = tokenize(oldText, lang);
  const b = tokenize(newText, lang);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: TextOp[] = a.slice(0, start).map((text) => ({ op: 'eq', text }));
  ops.push(...lcsOps(a.slice(start, endA), b.slice(start, endB)));
  ops.push(...a.slice(endA).map((text) => ({ op: 'eq' as const, text })));
  return merge(ops);
}

/** Classic LCS table, walked forwards so deletions come before insertions in a change. */
function lcsOps(a: string[], b: string[]): TextOp[] {
  const n = a.length;
  const m = b.length;
  if (!n || !m || n * m > MAX_CELLS) {
    return [...a.map((text) => ({ op: 'del' as const, text })), ...b.map((text) => ({ op: 'add' as const, text }))];
  }
  const w = m + 1;
  const len = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      len[i * w + j] = a[i] === b[j] ? len[(i + 1) * w + j + 1]! + 1 : Math.max(len[(i + 1) * w + j]!, len[i * w + j + 1]!);
    }
  }
  const ops: TextOp[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push({ op: 'eq', text: a[i++]! });
      j++;
    } else if (len[(i + 1) * w + j]! >= len[i * w + j + 1]!) ops.push({ op: 'del', text: a[i++]! });
    else ops.push({ op: 'add', text: b[j++]! });
  }
  while (i < n) ops.push({ op: 'del', text: a[i++]! });
  while (j < m) ops.push({ op: 'add', text: b[j++]! });
  return ops;
}

/**
 * Adjacent ops of one kind become one, and each change reads as one deletion then one
 * insertion. A lone space between two changes joins them: "[-welcome-]{+thank+} [-to-]{+you
 * for calling+}" is correct but unreadable; "[-welcome to-]{+thank you for calling+}" is not.
 */
function merge(ops: TextOp[]): TextOp[] {
  const out: TextOp[] = [];
  let del = '';
  let add = '';
  const flush = () => {
    if (del) out.push({ op: 'del', text: del });
    if (add) out.push({ op: 'add', text: add });
    del = add = '';
  };
  ops.forEach((o, i) => {
    if (o.op === 'del') del += o.text;
    else if (o.op === 'add') add += o.text;
    else if (del && add && /^\s+$/.test(o.text) && ops[i + 1] && ops[i + 1]!.op !== 'eq') {
      del += o.text;
      add += o.text;
    } else {
      flush();
      const last = out.at(-1);
      if (last?.op === 'eq') last.text += o.text;
      else out.push({ ...o });
    }
  });
  flush();
  return out;
}
