import { describe, expect, it } from 'vitest';
import { compile } from '../pack/authoring/compile';
import type { Pack } from '../pack/schema';
import { FormEditError, setChoice, setGuidance, setItemText, setStepTitle } from './form-edit';
import { readProcedures } from './source-model';
import { defaultPackFiles } from './test-pack';

const FILE = '02-inbound-phone.md';

function setup() {
  const files = defaultPackFiles();
  const proc = readProcedures(files).find((p) => p.file === FILE)!;
  const step = (id: string) => proc.steps.find((s) => s.id === id)!.draft;
  return { files, step };
}

function compiled(files: Record<string, string>, file: string, text: string): Pack {
  const r = compile(new Map(Object.entries({ ...files, [file]: text })));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.pack;
}

const stepOf = (pack: Pack, id: string) => pack.procedures.find((p) => p.id === 'inbound-phone')!.steps.find((s) => s.id === id)!;

/** Lines that differ between two texts (same length assumed unless lines were added). */
const changedLines = (a: string, b: string) => b.split('\n').filter((l, i) => a.split('\n')[i] !== l).length;

describe('form edits write the same Markdown the compiler reads', () => {
  it('renames a step on its heading line only', () => {
    const { files, step } = setup();
    const out = setStepTitle(files[FILE]!, step('greet'), { zh: '接听问候', en: 'Answer and greet' });
    expect(changedLines(files[FILE]!, out)).toBe(1);
    expect(stepOf(compiled(files, FILE, out), 'greet').title).toEqual({ 'zh-CN': '接听问候', en: 'Answer and greet' });
  });

  it('changes a phrase in both languages, keeping its id', () => {
    const { files, step } = setup();
    const phrase = step('greet').phrases[0]!;
    const out = setItemText(files[FILE]!, phrase, { zh: '您好，{company}，很高兴为您服务', en: 'Hello from {company}, glad to help' });
    expect(changedLines(files[FILE]!, out)).toBe(2);
    const p = stepOf(compiled(files, FILE, out), 'greet').phrases![0]!;
    expect(p.id).toBe('greeting');
    expect(p.text).toEqual({ 'zh-CN': '您好，{company}，很高兴为您服务', en: 'Hello from {company}, glad to help' });
  });

  it('keeps a checklist item required and identity-verifying', () => {
    const { files, step } = setup();
    const item = step('verify-identity').checklist[0]!;
    const out = setItemText(files[FILE]!, item, { zh: '已核实身份', en: 'Identity checked' });
    const c = stepOf(compiled(files, FILE, out), 'verify-identity').checklist![0]!;
    expect(c).toMatchObject({ id: 'identity-verified', required: true, verifiesIdentity: true, text: { 'zh-CN': '已核实身份', en: 'Identity checked' } });
  });

  it('adds an en: line to an item that had none', () => {
    const text = `---\nid: p\ntitle: 流程 | Flow\nkind: contact\n---\n\n## 一 | One {#one}\n\n- [ ] 只有中文 {#only-zh}\n`;
    const files = { 'pack.yaml': 'id: x.y\nversion: 1\ntitle: X\nlanguages: [zh-CN, en]\n', '01-p.md': text };
    const item = readProcedures(files)[0]!.steps[0]!.draft.checklist[0]!;
    const out = setItemText(text, item, { zh: '只有中文', en: 'Now in English' });
    expect(out).toContain('- [ ] 只有中文 {#only-zh}\n  en: Now in English\n');
    expect(compiled(files, '01-p.md', out).procedures[0]!.steps[0]!.checklist![0]!.text).toEqual({ 'zh-CN': '只有中文', en: 'Now in English' });
  });

  it('relabels a choice on its one line', () => {
    const { files, step } = setup();
    const choice = step('classify').choices[0]!;
    const out = setChoice(files[FILE]!, choice, { zh: '咨询', en: 'Question' }, 'consult');
    expect(changedLines(files[FILE]!, out)).toBe(1);
    const c = stepOf(compiled(files, FILE, out), 'classify').choices![0]!;
    expect(c.label).toEqual({ 'zh-CN': '咨询', en: 'Question' });
    expect(c.next).toBe('consult');
  });

  it('points a choice at another step, keeping its id', () => {
    const text = `---\nid: p\ntitle: 流程\nkind: contact\n---\n\n## 一 {#a}\n\n- → 甲: b {#pick}\n\n## 二 {#b}\n\n> end\n\n## 三 {#c}\n`;
    const item = readProcedures({ '01-p.md': text })[0]!.steps[0]!.draft.choices[0]!;
    expect(setChoice(text, item, { zh: '甲', en: 'A' }, 'c')).toContain('- → 甲 | A: c {#pick}\n');
  });

  it('rewrites one-paragraph guidance in both languages', () => {
    const { files, step } = setup();
    const out = setGuidance(files[FILE]!, step('greet'), { zh: '三声内接起。', en: 'Answer within three rings.' });
    expect(stepOf(compiled(files, FILE, out), 'greet').guidance).toEqual({ 'zh-CN': '三声内接起。', en: 'Answer within three rings.' });
  });

  it('refuses empty text and bad targets with a message, leaving the text alone', () => {
    const { files, step } = setup();
    expect(() => setStepTitle(files[FILE]!, step('greet'), { zh: '  ' })).toThrow(FormEditError);
    expect(() => setStepTitle(files[FILE]!, step('greet'), { zh: '' })).toThrow(/needs Chinese text/);
    expect(() => setChoice(files[FILE]!, step('classify').choices[0]!, { zh: '咨询' }, 'two words')).toThrow(/not a step id/);
  });
});
