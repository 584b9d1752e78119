/**
 * Turns a parsed procedure file into the pack JSON shape, filling the format's defaults
 * (start, next, item ids) and recording where every element came from.
 * The result is still unchecked: parsePack validates it afterwards.
 */
import type { ItemDraft, Paragraphs, StepDraft } from './markdown-body';
import type { ProcedureDraft } from './procedure-file';
import type { AuthoringIssue, PathSegment, SourceMap } from './source-map';
import { readStepAttrs } from './step-attrs';
import { parseDuration, parseList, splitName } from './syntax';
import { toLText } from './yaml-block';

type Obj = Record<string, unknown>;

/** Ids the format gives items written without `{#id}`; decompile omits ids that match. */
export const autoPhraseId = (stepId: string, index: number) => `${stepId}.say-${index + 1}`;
export const autoCheckId = (stepId: string, index: number) => `${stepId}.check-${index + 1}`;

export function buildProcedure(d: ProcedureDraft, issues: AuthoringIssue[], map: SourceMap): Obj {
  const { file, index, front } = d;
  const at = (path: PathSegment[], line: number) => map.set(['procedures', index, ...path], { file, line });
  const fm = front.data;
  const proc: Obj = { id: fm.id, title: toLText(fm.title) };
  const description = toText(d.body.description);
  if (description) {
    proc.description = description;
    at(['description'], d.body.description.line ?? 1);
  }
  proc.kind = fm.kind;
  if (fm.channels !== undefined) proc.channels = typeof fm.channels === 'string' ? parseList(fm.channels) : fm.channels;
  const steps = d.body.steps;
  proc.start = fm.start ?? steps[0]?.id;
  proc.steps = steps.map((s, j) => buildStep(s, steps[j + 1], file, issues, (p, line) => at(['steps', j, ...p], line)));
  if (fm.timeLimitSec !== undefined) {
    const sec = typeof fm.timeLimitSec === 'string' ? parseDuration(fm.timeLimitSec) : undefined;
    if (sec === undefined)
      issues.push({ file, line: front.keyLine.get('timeLimitSec')!, message: "timeLimitSec must be a number of seconds, like 'timeLimitSec: 300' (or '5m')" });
    proc.timeLimitSec = sec ?? fm.timeLimitSec;
  }
  if (fm.source !== undefined) proc.source = fm.source;
  return proc;
}

function buildStep(
  s: StepDraft,
  following: StepDraft | undefined,
  file: string,
  issues: AuthoringIssue[],
  at: (path: PathSegment[], line: number) => void,
): Obj {
  const attrs = readStepAttrs(s.attrs, file, issues);
  const step: Obj = { id: s.id, title: ltext(s.title) };
  at([], s.line);
  const guidance = toText(s.guidance);
  if (guidance) {
    step.guidance = guidance;
    at(['guidance'], s.guidance.line ?? s.line);
  }
  if (s.phrases.length) step.phrases = s.phrases.map((p, k) => buildItem(p, autoPhraseId(s.id, k), (q, l) => at(['phrases', k, ...q], l)));
  if (s.checklist.length) step.checklist = s.checklist.map((c, k) => buildItem(c, autoCheckId(s.id, k), (q, l) => at(['checklist', k, ...q], l)));
  if (s.choices.length) step.choices = s.choices.map((c, k) => buildItem(c, c.target ?? '', (q, l) => at(['choices', k, ...q], l)));
  // Steps run in file order unless told otherwise; a step with choices branches instead.
  const next = attrs.next?.id ?? (attrs.end === undefined && !s.choices.length ? following?.id : undefined);
  if (next !== undefined) step.next = next;
  if (attrs.channels) step.channels = attrs.channels;
  if (attrs.timeLimitSec !== undefined) step.timeLimitSec = attrs.timeLimitSec;
  if (attrs.requiresIdentity) step.requiresIdentity = true;
  if (attrs.addition) step.addition = true;
  if (attrs.source !== undefined) step.source = attrs.source;
  for (const [field, line] of Object.entries(attrs.lines)) at([field], line);
  return step;
}

function buildItem(it: ItemDraft, defaultId: string, at: (path: PathSegment[], line: number) => void): Obj {
  at([], it.line);
  const id = it.id ?? defaultId;
  if (it.kind === 'choice') {
    return { id, label: ltext(splitName(it.zh[0] ?? '')), next: it.target };
  }
  const text: Obj = { 'zh-CN': it.zh.join('\n') };
  if (it.en) {
    text.en = it.en.join('\n');
    at(['text', 'en'], it.enLine ?? it.line);
  }
  if (it.kind === 'check') {
    const item: Obj = { id, text, required: it.required ?? false };
    if (it.flags.includes('verifies-identity')) item.verifiesIdentity = true;
    return item;
  }
  const phrase: Obj = { id, text };
  if (it.label) {
    phrase.label = ltext(it.label);
    at(['label'], it.label.line);
  }
  if (it.channels) {
    phrase.channels = parseList(it.channels.value);
    at(['channels'], it.channels.line);
  }
  return phrase;
}

function ltext(t: { zh: string; en?: string }): Obj {
  return t.en === undefined ? { 'zh-CN': t.zh } : { 'zh-CN': t.zh, en: t.en };
}

function toText(p: Paragraphs): Obj | undefined {
  if (!p.zh.length && !p.en.length) return undefined;
  const out: Obj = { 'zh-CN': p.zh.join('\n\n') };
  if (p.en.length) out.en = p.en.join('\n\n');
  return out;
}
