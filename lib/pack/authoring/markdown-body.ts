/**
 * Reads the Markdown body of a procedure file line by line. This is deliberately not a
 * general Markdown parser: the format has a handful of line shapes (see docs/authoring.md)
 * and everything else is guidance text, so an author's mistake lands on one line we can name.
 */
import type { AuthoringIssue } from './source-map';
import { itemSubline, startItem } from './markdown-items';
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
