/**
 * List items inside a step: phrases (`- 💬`), checklist items (`- [ ]`, `- [!]`) and
 * choices (`- →`), with their indented detail lines.
 */
import type { ItemDraft } from './markdown-body';
import { splitName, takeAttrBlock, unescapeLine } from './syntax';

type Fail = (line: number, message: string) => void;

const PHRASE = /^[-*]\s+(?:💬\uFE0F?|say:)\s*(.*)$/u;
const CHECK = /^[-*]\s+\[([ !xX])\]\s*(.*)$/;
const CHOICE = /^[-*]\s+(?:→|->)\s*(.*)$/;
const SUBLINE = /^\s+(en|label|channels):\s?(.*)$/;
const CHOICE_BODY = /^(.*?)\s*[:：]\s*([^\s:：]+)$/;

export function startItem(line: string, n: number, fail: Fail): ItemDraft | undefined {
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

export function itemSubline(item: ItemDraft, line: string, n: number, field: 'zh' | 'en', fail: Fail): 'zh' | 'en' {
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
