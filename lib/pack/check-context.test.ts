import { describe, expect, it } from 'vitest';
import { parsePack } from './parse';
import type { Pack } from './schema';

const L = (zh: string) => ({ 'zh-CN': zh });

function pack(): Pack {
  return {
    format: 1,
    id: 'ctx',
    version: 1,
    title: L('测试'),
    languages: ['zh-CN'],
    procedures: [
      {
        id: 'p',
        title: L('流程'),
        kind: 'contact',
        start: 'a',
        steps: [
          { id: 'a', title: L('甲'), next: 'b', anchors: [{ name: L('备注'), selector: '#notes' }] },
          { id: 'b', title: L('乙') },
        ],
        templates: [{ id: 'brief', title: L('说明'), text: L('{customer.name} {need}'), steps: ['b'] }],
      },
    ],
    sites: [
      {
        id: 'crm',
        match: ['https://crm.test/*'],
        fields: [{ id: 'customer.name', name: L('姓名'), labelText: '客户姓名', mask: 'name' }],
        suggest: [{ procedure: 'p', url: '*complaint*' }],
      },
    ],
    templates: [{ id: 'record', title: L('记录'), text: L('{customer.name|masked} {steps}'), steps: ['a'] }],
  };
}

function errors(mutate: (p: Pack) => void) {
  const p = pack();
  mutate(p);
  const r = parsePack(p);
  return r.ok ? [] : r.errors;
}

describe('page-context checks', () => {
  it('accepts a pack with sites, anchors and templates', () => {
    expect(errors(() => undefined)).toEqual([]);
  });

  it('needs exactly one of selector and labelText', () => {
    expect(errors((p) => (p.sites![0]!.fields![0]!.selector = '#x'))).toEqual([
      { path: 'sites[0].fields[0]', message: expect.stringMatching(/exactly one of selector or labelText/) },
    ]);
    expect(errors((p) => delete p.procedures[0]!.steps[0]!.anchors![0]!.selector)).toEqual([
      { path: 'procedures[0].steps[0].anchors[0]', message: expect.stringMatching(/exactly one of selector or labelText/) },
    ]);
  });

  it('refuses suggestions of unknown procedures and rules without a condition', () => {
    expect(errors((p) => p.sites![0]!.suggest!.push({ procedure: 'nope', url: '*' }, { procedure: 'p' }))).toEqual([
      { path: 'sites[0].suggest[1].procedure', message: 'refers to unknown procedure "nope"' },
      { path: 'sites[0].suggest[2]', message: expect.stringMatching(/needs a selector, a url, or both/) },
    ]);
  });

  it('refuses duplicate field, site and template ids', () => {
    const found = errors((p) => {
      p.sites![0]!.fields!.push({ ...p.sites![0]!.fields![0]! });
      p.sites!.push({ id: 'crm', match: ['*'] });
      p.templates!.push({ ...p.templates![0]! });
    }).map((e) => e.path);
    expect(found).toEqual(['sites[0].fields[1].id', 'sites[1].id', 'templates[1].id']);
  });

  it('refuses templates on unknown steps and with unknown variables or filters', () => {
    const found = errors((p) => {
      p.procedures[0]!.templates![0]!.steps = ['zzz'];
      p.procedures[0]!.templates![0]!.text = { 'zh-CN': '{customer.email} {need|masked}', en: '{need|upper}' };
      p.templates![0]!.steps = ['nowhere'];
    });
    expect(found).toEqual([
      { path: 'procedures[0].templates[0].steps[0]', message: 'refers to unknown step "zzz" (it must be a step of procedure "p")' },
      { path: 'procedures[0].templates[0].text.zh-CN', message: expect.stringMatching(/uses \{customer.email\}, which is neither a page field/) },
      { path: 'procedures[0].templates[0].text.zh-CN', message: '{need|masked}: only page fields can be masked' },
      { path: 'procedures[0].templates[0].text.en', message: expect.stringMatching(/unknown filter "\|upper"/) },
      { path: 'templates[0].steps[0]', message: 'refers to unknown step "nowhere" (it must be a step of some procedure of the pack)' },
    ]);
  });

  it('names the field of a malformed page field id', () => {
    expect(errors((p) => (p.sites![0]!.fields![0]!.id = 'name')).map((e) => e.path)).toEqual(['sites[0].fields[0].id']);
  });
});
