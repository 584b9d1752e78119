/**
 * The Form pane's edits, made on the Markdown source at the line the compiler's own reader
 * recorded (lib/studio/source-model.ts), so the file stays the author's: only the edited
 * line changes (or one `en:` line is added). Multi-line texts are left to the editor.
 */
import type { ItemDraft, StepDraft } from '../pack/authoring/markdown-body';
import { escapeLine, writeAttrBlock, writeName } from '../pack/authoring/syntax';

export interface Bilingual {
  zh: string;
  en?: string;
}

export class FormEditError extends Error {}

const ITEM_PREFIX = /^([-*]\s+(?:💬\uFE0F?|say:|\[[ !xX]\]|→|->)\s*)/u;
const oneLine = (s: string) => s.replace(/\s*\r?\n\s*/g, ' ').trim();

function edit(text: string, fn: (lines: string[]) => void): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  fn(lines);
  return lines.join(eol);
}

function need(zh: string, what: string): string {
  const v = oneLine(zh);
  if (!v) throw new FormEditError(`${what} needs Chinese text`);
  return v;
}

export function setStepTitle(text: string, step: StepDraft, name: Bilingual): string {
  const zh = need(name.zh, `step ${step.id}'s title`);
  const en = name.en === undefined ? undefined : oneLine(name.en) || undefined;
  return edit(text, (lines) => {
    lines[step.line - 1] = `## ${writeName({ 'zh-CN': zh, en })}${writeAttrBlock(step.id)}`;
  });
}

/** A phrase's or checklist item's text (zh on the item line, en on its `en:` line). */
export function setItemText(text: string, item: ItemDraft, value: Bilingual): string {
  if (item.kind === 'choice') throw new FormEditError('a choice is edited with setChoice');
  if (item.zh.length > 1 || (item.en && item.en.length > 1)) throw new FormEditError(`item ${item.id ?? ''} spans several lines: edit it in the editor`);
  const zh = need(value.zh, `item ${item.id ?? ''}`);
  const en = oneLine(value.en ?? '');
  return edit(text, (lines) => {
    const prefix = ITEM_PREFIX.exec(lines[item.line - 1]!)?.[1];
    if (!prefix) throw new FormEditError(`line ${item.line} is no longer this item: reload the form`);
    lines[item.line - 1] = `${prefix}${zh}${writeAttrBlock(item.id, item.flags)}`;
    if (item.enLine) {
      if (en) lines[item.enLine - 1] = `  en: ${en}`;
      else lines.splice(item.enLine - 1, 1);
    } else if (en) lines.splice(item.line, 0, `  en: ${en}`);
  });
}

/** A choice's label and the step it leads to: `- → 中文 | English: target`. */
export function setChoice(text: string, item: ItemDraft, name: Bilingual, target: string): string {
  const zh = need(name.zh, 'a choice');
  const to = oneLine(target);
  if (!/^[^\s:：]+$/.test(to)) throw new FormEditError(`'${target}' is not a step id`);
  const en = name.en === undefined ? undefined : oneLine(name.en) || undefined;
  return edit(text, (lines) => {
    const prefix = ITEM_PREFIX.exec(lines[item.line - 1]!)?.[1] ?? '- → ';
    lines[item.line - 1] = `${prefix}${writeName({ 'zh-CN': zh, en })}: ${to}${writeAttrBlock(item.id, item.flags)}`;
  });
}

/** The guidance's first paragraph (one line) and its `en:` paragraph. */
export function setGuidance(text: string, step: StepDraft, value: Bilingual): string {
  const zh = need(value.zh, `step ${step.id}'s guidance`);
  const en = oneLine(value.en ?? '');
  const g = step.guidance;
  if (g.zh.length > 1 || g.en.length > 1 || g.zh[0]?.includes('\n') || g.en[0]?.includes('\n')) {
    throw new FormEditError(`step ${step.id}'s guidance has several paragraphs: edit it in the editor`);
  }
  return edit(text, (lines) => {
    const at = g.line ?? step.line;
    const enAt = g.line ? findEnParagraph(lines, at) : undefined;
    if (g.line) lines[at - 1] = escapeLine(zh);
    if (enAt !== undefined && en) lines[enAt] = `en: ${en}`;
    else if (enAt !== undefined) lines.splice(enAt - (lines[enAt - 1] === '' ? 1 : 0), lines[enAt - 1] === '' ? 2 : 1);
    const add = [...(g.line ? [] : ['', escapeLine(zh)]), ...(en && enAt === undefined ? ['', `en: ${en}`] : [])];
    const after = g.line ? at : lastAttrLine(step);
    lines.splice(after, 0, ...add);
  });
}

/** The `en:` line of the paragraph after line `at` (1-based), before the step's items. */
function findEnParagraph(lines: string[], at: number): number | undefined {
  for (let i = at; i < lines.length; i++) {
    const l = lines[i]!;
    if (/^en:/.test(l)) return i;
    if (/^(#|>|[-*]\s)/.test(l)) return undefined;
  }
  return undefined;
}

function lastAttrLine(step: StepDraft): number {
  return Math.max(step.line, ...step.attrs.map((a) => a.line));
}
