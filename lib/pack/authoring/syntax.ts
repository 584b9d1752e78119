/**
 * The small lexical pieces of the authoring format, shared by compile and decompile so
 * that what one writes the other reads back unchanged. See docs/authoring.md.
 */

/** `{#id flag}` at the end of a heading or list item. */
export interface AttrBlock {
  id?: string;
  flags: string[];
}

/** Flags an item may carry inside `{…}`; anything else there is a typo we report. */
export const ITEM_FLAGS = ['verifies-identity'] as const;

const ATTR_BLOCK = /\s*\{([^{}]*)\}\s*$/;

/**
 * Split a trailing `{#id flags}` off a line. A brace group that neither starts with `#`
 * nor names a known flag is left alone, so placeholders like `{company}` stay text.
 */
export function takeAttrBlock(line: string): { text: string; attrs?: AttrBlock; bad?: string } {
  const m = ATTR_BLOCK.exec(line);
  if (!m) return { text: line };
  const tokens = (m[1] ?? '').trim().split(/\s+/).filter(Boolean);
  const first = tokens[0];
  if (!first || (!first.startsWith('#') && !isFlag(first))) return { text: line };
  const attrs: AttrBlock = { flags: [] };
  for (const [i, t] of tokens.entries()) {
    if (i === 0 && t.startsWith('#')) attrs.id = t.slice(1);
    else if (isFlag(t)) attrs.flags.push(t);
    else return { text: line.slice(0, m.index), bad: t };
  }
  return { text: line.slice(0, m.index), attrs };
}

function isFlag(t: string): boolean {
  return (ITEM_FLAGS as readonly string[]).includes(t);
}

export function writeAttrBlock(id: string | undefined, flags: string[] = []): string {
  const tokens = [...(id === undefined ? [] : [`#${id}`]), ...flags];
  return tokens.length ? ` {${tokens.join(' ')}}` : '';
}

/** True when a line would be read as an attribute block, so decompile must pin an id. */
export function endsLikeAttrBlock(line: string): boolean {
  const r = takeAttrBlock(line);
  return r.attrs !== undefined || r.bad !== undefined;
}

/**
 * Names (titles, labels) are one line: `中文 | English`. The first unescaped `|` splits;
 * a `|` inside the Chinese part is written `\|`.
 */
export function splitName(s: string): { zh: string; en?: string } {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && s[i + 1] === '|') i++;
    else if (s[i] === '|') return { zh: unescapePipes(s.slice(0, i).trim()), en: s.slice(i + 1).trim() };
  }
  return { zh: unescapePipes(s.trim()) };
}

const unescapePipes = (s: string) => s.replace(/\\\|/g, '|');

export function writeName(t: { 'zh-CN': string; en?: string }): string {
  const zh = t['zh-CN'].replace(/\|/g, '\\|');
  return t.en === undefined ? zh : `${zh} | ${t.en}`.trimEnd();
}

/** `30s`, `5m`, `1h`, `1m30s` or a bare number of seconds. */
export function parseDuration(s: string): number | undefined {
  const t = s.trim();
  if (/^\d+$/.test(t)) return Number(t);
  const m = /^(?:(\d+)h)?\s*(?:(\d+)m(?:in)?)?\s*(?:(\d+)s)?$/.exec(t);
  if (!m || !(m[1] ?? m[2] ?? m[3])) return undefined;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

export function formatDuration(sec: number): string {
  if (!Number.isInteger(sec) || sec <= 0) return String(sec);
  const h = Math.floor(sec / 3600);
  const m = Math.floor((sec % 3600) / 60);
  const s = sec % 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
}

/** `phone, online` — commas, Chinese commas or spaces. */
export function parseList(s: string): string[] {
  return s.split(/[\s,，、]+/).filter(Boolean);
}

/**
 * Lines of free text that would otherwise be read as syntax get a leading backslash,
 * which compile strips; a lone `\` stands for an empty line inside a paragraph or item.
 */
const SPECIAL_LINE = /^(\\|>|#|en:|label:|channels:|[-*]\s+(💬|say:|\[.\]|→|->))/u;

export function escapeLine(line: string): string {
  if (line === '') return '\\';
  return SPECIAL_LINE.test(line) || /^\s/.test(line) ? `\\${line}` : line;
}

export function unescapeLine(line: string): string {
  return line.startsWith('\\') ? line.slice(1) : line;
}
