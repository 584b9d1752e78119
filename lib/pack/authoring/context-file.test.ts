import { describe, expect, it } from 'vitest';
import { parsePack } from '../parse';
import type { Pack } from '../schema';
import { compile, decompile, formatIssue } from './index';
import { CONTEXT_FILE } from './context-file';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const base: Pack = (() => {
  const r = parsePack({
    format: 1,
    id: 'ctx',
    version: 1,
    title: L('测试', 'Test'),
    languages: ['zh-CN', 'en'],
    procedures: [
      {
        id: 'p',
        title: L('流程', 'Flow'),
        kind: 'contact',
        start: 'a',
        steps: [
          { id: 'a', title: L('甲', 'A'), next: 'b', anchors: [{ name: L('备注', 'Notes'), selector: '#notes, [name="x"]' }] },
          { id: 'b', title: L('乙', 'B') },
        ],
        templates: [{ id: 'brief', title: L('说明', 'Brief'), text: L('客户{customer.name}\n{steps}', 'Customer {customer.name}\n{steps}'), steps: ['b'] }],
      },
    ],
    sites: [
      {
        id: 'crm',
        match: ['https://crm.test/*', '*tab=x*'],
        fields: [{ id: 'customer.name', name: L('姓名', 'Name'), labelText: '客户姓名：', mask: 'name', storable: true }],
        suggest: [{ procedure: 'p', selector: '#x' }],
      },
    ],
    templates: [{ id: 'record', title: L('记录', 'Record'), text: L('{customer.name|masked}', '{customer.name|masked}'), steps: ['a'] }],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.pack;
})();

describe('context.yaml', () => {
  it('round-trips sites, templates and anchors', () => {
    const files = decompile(base);
    expect(files.has(CONTEXT_FILE)).toBe(true);
    const back = compile(files);
    if (!back.ok) throw new Error(back.errors.map(formatIssue).join('\n'));
    expect(back.pack).toStrictEqual(base);
  });

  it('is not written for a pack without page context', () => {
    const { sites: _s, templates: _t, ...plain } = base;
    const procedures = plain.procedures.map(({ templates: _pt, ...p }) => ({ ...p, steps: p.steps.map(({ anchors: _a, ...s }) => s) }));
    expect(decompile({ ...plain, procedures }).has(CONTEXT_FILE)).toBe(false);
  });

  it('reports unknown keys, procedures and steps as context.yaml:line', () => {
    const files = decompile(base);
    files.set(CONTEXT_FILE, 'sites: []\nextra: 1\nprocedures:\n  nope:\n    anchors: {}\n  p:\n    colour: red\n    anchors:\n      zz: []\n');
    const r = compile(files);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map(formatIssue)).toEqual([
      "context.yaml:2: unknown key 'extra' (expected sites, templates, procedures)",
      "context.yaml:5: unknown procedure 'nope' (no procedure file has this id)",
      "context.yaml:7: unknown key 'colour' (expected templates, anchors)",
      "context.yaml:9: unknown step 'zz' in procedure 'p'",
    ]);
  });

  it('maps schema and check errors in it to their line', () => {
    const files = decompile(base);
    const text = files.get(CONTEXT_FILE)!.replace('storable: true', 'storable: yes').replace('mask: name', 'mask: nickname');
    files.set(CONTEXT_FILE, text);
    const r = compile(files);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const lineOf = (s: string) => text.split('\n').findIndex((l) => l.includes(s)) + 1;
    expect(r.errors.map((e) => `${e.file}:${e.line}`)).toEqual([`${CONTEXT_FILE}:${lineOf('nickname')}`, `${CONTEXT_FILE}:${lineOf('storable: yes')}`]);
  });
});
