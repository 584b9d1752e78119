/**
 * Pack JSON → authoring folder (filename → content). Writes only what compile cannot
 * infer (defaults for start, next and item ids are left out), so the files read like a
 * hand-written SOP and compile(decompile(pack)) gives the pack back.
 */
import { Document, visit } from 'yaml';
import type { ChecklistItem, Choice, LText, Pack, Phrase, Procedure, Step } from '../schema';
import { autoCheckId, autoPhraseId } from './build-procedure';
import { PACK_FILE } from './compile';
import { CONTEXT_FILE, contextText } from './context-file';
import { COACHING_FILE, coachingText } from './coaching-file';
import { endsLikeAttrBlock, escapeLine, formatDuration, writeAttrBlock, writeName } from './syntax';

export function decompile(pack: Pack): Map<string, string> {
  const files = new Map<string, string>();
  files.set(PACK_FILE, yamlText({ id: pack.id, version: String(pack.version), title: pack.title, languages: pack.languages }));
  const width = Math.max(2, String(pack.procedures.length).length);
  pack.procedures.forEach((proc, i) => {
    files.set(`${String(i + 1).padStart(width, '0')}-${proc.id}.md`, procedureText(proc));
  });
  const context = contextText(pack);
  if (context !== undefined) files.set(CONTEXT_FILE, context);
  const coaching = coachingText(pack);
  if (coaching !== undefined) files.set(COACHING_FILE, coaching);
  return files;
}

function procedureText(proc: Procedure): string {
  const front: Record<string, unknown> = { id: proc.id, title: proc.title, kind: proc.kind };
  if (proc.channels) front.channels = proc.channels;
  if (proc.start !== proc.steps[0]?.id) front.start = proc.start;
  if (proc.timeLimitSec !== undefined) front.timeLimitSec = String(proc.timeLimitSec);
  if (proc.source !== undefined) front.source = proc.source;
  const blocks = [`---\n${yamlText(front)}---`];
  if (proc.description) blocks.push(paragraphs(proc.description));
  proc.steps.forEach((step, j) => blocks.push(...stepBlocks(step, proc.steps[j + 1])));
  return `${blocks.join('\n\n')}\n`;
}

function stepBlocks(step: Step, following: Step | undefined): string[] {
  const out = [`## ${writeName(step.title)}${writeAttrBlock(step.id)}`.replace(/^## {2}/, '## ')];
  const attrs: string[] = [];
  if (step.channels) attrs.push(`> channels: ${step.channels.join(', ')}`);
  if (step.timeLimitSec !== undefined) attrs.push(`> time-limit: ${formatDuration(step.timeLimitSec)}`);
  if (step.requiresIdentity) attrs.push('> requires-identity');
  if (step.addition) attrs.push('> addition');
  if (step.source !== undefined) attrs.push(`> source: ${step.source}`);
  const branches = Boolean(step.choices?.length);
  const implied = branches ? undefined : following?.id;
  if (step.next !== undefined && step.next !== implied) attrs.push(`> next: ${step.next}`);
  if (step.next === undefined && implied !== undefined) attrs.push('> end');
  if (attrs.length) out.push(attrs.join('\n'));
  if (step.guidance) out.push(paragraphs(step.guidance));
  if (step.phrases?.length) out.push(step.phrases.map((p, k) => phraseText(p, autoPhraseId(step.id, k))).join('\n'));
  if (step.checklist?.length) out.push(step.checklist.map((c, k) => checkText(c, autoCheckId(step.id, k))).join('\n'));
  if (step.choices?.length) out.push(step.choices.map(choiceText).join('\n'));
  return out;
}

/** Chinese and English paragraphs, interleaved when they pair up so a reviewer sees both. */
function paragraphs(t: LText): string {
  const zh = t['zh-CN'].split('\n\n').map((p) => p.split('\n').map(escapeLine).join('\n'));
  const en =
    t.en === undefined
      ? []
      : t.en.split('\n\n').map((p) => {
          const [first = '', ...rest] = p.split('\n');
          return [`en: ${first}`.trimEnd(), ...rest.map(escapeLine)].join('\n');
        });
  if (zh.length === en.length) return zh.flatMap((p, i) => [p, en[i]!]).join('\n\n');
  return [...zh, ...en].join('\n\n');
}

/** The item's first line, its continuation lines, then `en:` and other detail lines. */
function itemText(marker: string, text: LText, id: string, autoId: string, flags: string[] = []): string[] {
  const [first = '', ...more] = text['zh-CN'].split('\n');
  // A default id is left out, unless the text itself ends in something that looks like `{…}`.
  const pin = id !== autoId || endsLikeAttrBlock(first) ? id : undefined;
  const lines = [`- ${marker} ${first}${writeAttrBlock(pin, flags)}`.trimEnd(), ...more.map((l) => `  ${escapeLine(l)}`)];
  if (text.en !== undefined) {
    const [enFirst = '', ...enMore] = text.en.split('\n');
    lines.push(`  en: ${enFirst}`.trimEnd(), ...enMore.map((l) => `  ${escapeLine(l)}`));
  }
  return lines;
}

function phraseText(p: Phrase, autoId: string): string {
  const lines = itemText('💬', p.text, p.id, autoId);
  if (p.label) lines.push(`  label: ${writeName(p.label)}`);
  if (p.channels) lines.push(`  channels: ${p.channels.join(', ')}`);
  return lines.join('\n');
}

function checkText(c: ChecklistItem, autoId: string): string {
  const flags = c.verifiesIdentity ? ['verifies-identity'] : [];
  return itemText(c.required ? '[!]' : '[ ]', c.text, c.id, autoId, flags).join('\n');
}

function choiceText(c: Choice): string {
  return `- → ${writeName(c.label)}: ${c.next}${c.id === c.next ? '' : writeAttrBlock(c.id)}`;
}

function yamlText(value: Record<string, unknown>): string {
  const doc = new Document(value, { schema: 'failsafe' });
  // Short lists on one line (`channels: [phone, online]`) read better in front matter.
  visit(doc, { Seq: (_, node) => void (node.flow = true) });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
