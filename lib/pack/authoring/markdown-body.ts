/**
 * Reads the Markdown body of a procedure file line by line. This is deliberately not a
 * general Markdown parser: the format has a handful of line shapes (see docs/authoring.md)
 * and everything else is guidance text, so an author's mistake lands on one line we can name.
 */
import type { AuthoringIssue } from './source-map';
import { splitName, takeAttrBlock, unescapeLine } from './syntax';

export interface Paragraphs {
  zh: string[];
  en: string[];
  /** Line of the first paragraph, for error locations. */
  line?: number;
}

export interface ItemDraft {
  kind: 'phrase' | 'check' | 'choice';
  line: number;
  id?: string;
  flags: string[];
  zh: string[];
  en?: string[];
  enLine?: number;
  label?: { zh: string; en?: string; line: number };
  channels?: { value: string; line: number };
  required?: boolean;
  target?: string;
}

export interface AttrLine {
  key: string;
  value?: string;
  line: number;
}

export interface StepDraft {
  id: string;
  line: number;
  title: { zh: string; en?: string };
  guidance: Paragraphs;
  attrs: AttrLine[];
  phrases: ItemDraft[];
  checklist: ItemDraft[];
  choices: ItemDraft[];
}

export interface BodyDraft {
  description: Paragraphs;
  steps: StepDraft[];
}

const PHRASE = /^[-*]\s+(?:💬\uFE0F?|say:)\s*(.*)$/u;
const CHECK = /^[-*]\s+\[([ !xX])\]\s*(.*)$/;
const CHOICE = /^[-*]\s+(?:→|->)\s*(.*)$/;
const SUBLINE = /^\s+(en|label|channels):\s?(.*)$/;
const CHOICE_BODY = /^(.*?)\s*[:：]\s*([^\s:：]+)$/;

export function parseBody(lines: string[], firstLine: number, file: string, issues: AuthoringIssue[]): BodyDraft {
  const body: BodyDraft = { description: { zh: [], en: [] }, steps: [] };
  const fail = (line: number, message: string) => issues.push({ file, line, message });
  let step: StepDraft | undefined;
  let para: { lang: 'zh' | 'en'; lines: string[] } | undefined;
  let item: ItemDraft | undefined;
  let field: 'zh' | 'en' = 'zh';

  const closePara = () => {
    if (!para) return;
    const target = step ? step.guidance : body.description;
    target[para.lang].push(para.lines.join('\n'));
    para = undefined;
  };

  lines.forEach((raw, i) => {
    const n = firstLine + i;
    const line = raw.trimEnd();
    if (line === '') {
      closePara();
      item = undefined;
      return;
    }
    const heading = /^(#+)\s+(.*)$/.exec(line);
    if (heading && heading[1]!.length <= 2) {
      closePara();
      item = undefined;
      if (heading[1] === '#') {
        return fail(n, "a single '#' heading is not used: the procedure title goes in the front matter (title:) and each step starts with '## '");
      }
      step = startStep(heading[2]!, n, fail);
      body.steps.push(step);
      return;
    }
    if (line.startsWith('>')) {
      closePara();
      item = undefined;
      if (!step) return fail(n, "'>' attribute lines belong under a step heading ('## Title {#id}')");
      const m = /^>\s*([^:：\s]+)\s*(?:[:：]\s*(.*))?$/.exec(line);
      if (!m) return fail(n, "unreadable attribute line: write '> name' or '> name: value'");
      step.attrs.push({ key: m[1]!, value: m[2]?.trim(), line: n });
      return;
    }
    const started = startItem(line, n, fail);
    if (started) {
      closePara();
      if (!step) {
        item = undefined;
        return fail(n, "phrases, checklist items and choices belong under a step heading ('## Title {#id}')");
      }
      item = started;
      field = 'zh';
      const list = { phrase: step.phrases, check: step.checklist, choice: step.choices }[started.kind];
      list.push(started);
      return;
    }
    if (item && /^\s/.test(line)) {
      field = itemSubline(item, line, n, field, fail);
      return;
    }
    item = undefined;
    const en = /^en:\s?(.*)$/.exec(line);
    if (en) {
      closePara();
      para = { lang: 'en', lines: [en[1]!] };
    } else if (para) para.lines.push(unescapeLine(line));
    else para = { lang: 'zh', lines: [unescapeLine(line)] };
    const target = step ? step.guidance : body.description;
    target.line ??= n;
  });
  closePara();
  return body;
}

function startStep(text: string, line: number, fail: (l: number, m: string) => void): StepDraft {
  const { text: rest, attrs, bad } = takeAttrBlock(text);
  if (bad || attrs?.flags.length) fail(line, `a step heading takes only an id, like {#greet}; move '${bad ?? attrs?.flags[0]}' to a '> ' attribute line`);
  if (!attrs?.id) fail(line, 'this step has no id: end the heading with one, like "## 问候 | Greeting {#greet}"');
  const title = splitName(rest);
  return { id: attrs?.id ?? '', line, title, guidance: { zh: [], en: [] }, attrs: [], phrases: [], checklist: [], choices: [] };
}

function startItem(line: string, n: number, fail: (l: number, m: string) => void): ItemDraft | undefined {
  let m: RegExpExecArray | null;
  let item: ItemDraft;
  if ((m = PHRASE.exec(line))) item = { kind: 'phrase', line: n, flags: [], zh: [m[1]!] };
  else if ((m = CHECK.exec(line))) {
    if (m[1] === 'x' || m[1] === 'X') fail(n, "write '- [ ]' for an optional checklist item or '- [!]' for a required one ('[x]' is not used)");
    item = { kind: 'check', line: n, flags: [], zh: [m[2]!], required: m[1] === '!' };
  } else if ((m = CHOICE.exec(line))) item = { kind: 'choice', line: n, flags: [], zh: [m[1]!] };
  else return undefined;
  const { text, attrs, bad } = takeAttrBlock(item.zh[0]!);
  if (bad) fail(n, `unknown flag '${bad}' in {…} (known: #id, verifies-identity)`);
  item.zh[0] = text.trim();
  item.id = attrs?.id;
  item.flags = attrs?.flags ?? [];
  if (item.kind !== 'check' && item.flags.length) fail(n, `'${item.flags[0]}' only applies to checklist items`);
  if (item.kind === 'choice') {
    const c = CHOICE_BODY.exec(item.zh[0]);
    if (!c) fail(n, 'a choice needs the step it leads to: "- → 咨询 | Consult: consult-step"');
    else item.target = c[2];
    item.zh[0] = c?.[1] ?? item.zh[0];
  }
  if (!item.zh[0] && item.kind !== 'phrase') fail(n, 'this item has no text');
  return item;
}

function itemSubline(item: ItemDraft, line: string, n: number, field: 'zh' | 'en', fail: (l: number, m: string) => void): 'zh' | 'en' {
  const m = SUBLINE.exec(line);
  if (item.kind === 'choice') {
    fail(n, 'a choice is one line: "- → 中文 | English: step-id"');
    return field;
  }
  if (!m) {
    // A continuation line of the item's text, in the language written last.
    (field === 'en' ? item.en! : item.zh).push(unescapeLine(line.trim()));
    return field;
  }
  const [, key, value = ''] = m;
  const again = (k: string) => fail(n, `this item already has a '${k}:' line`);
  if (key === 'en') {
    if (item.en) again('en');
    item.en = [value];
    item.enLine = n;
    return 'en';
  }
  if (item.kind !== 'phrase') {
    fail(n, `'${key}:' only applies to phrases (- 💬)`);
  } else if (key === 'label') {
    if (item.label) again('label');
    item.label = { ...splitName(value), line: n };
  } else {
    if (item.channels) again('channels');
    item.channels = { value, line: n };
  }
  return field;
}
