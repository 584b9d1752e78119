import { describe, expect, it } from 'vitest';
import { parsePack } from './parse';
import type { Pack } from './schema';

const L = (zh: string) => ({ 'zh-CN': zh });

function pack(): Pack {
  return {
    format: 1,
    id: 'guards',
    version: 1,
    title: L('测试'),
    languages: ['zh-CN'],
    procedures: [
      {
        id: 'p',
        title: L('流程'),
        kind: 'contact',
        start: 'a',
        steps: [{ id: 'a', title: L('甲'), checklist: [{ id: 'verified', text: L('已核实'), required: true, verifiesIdentity: true }] }],
      },
    ],
    sites: [
      {
        id: 'crm',
        match: ['https://crm.test/*'],
        guards: [{ id: 'change-plan', name: L('变更套餐'), selector: '#change-plan', verifiedBy: ['verified'] }],
        checks: [
          {
            id: 'save',
            submit: { selector: '#save' },
            rules: [
              { id: 'phone', name: L('手机号码'), labelText: '手机号码', required: true, pattern: '1[3-9]\\d{9}', mode: 'block' },
              { id: 'notes', name: L('备注'), selector: '#notes', minLength: 5, maxLength: 200 },
              { id: 'type', name: L('类型'), selector: '#type', oneOf: ['咨询', '投诉'] },
            ],
          },
        ],
      },
    ],
  };
}

function errors(mutate: (p: Pack) => void) {
  const p = pack();
  mutate(p);
  const r = parsePack(p);
  return r.ok ? [] : r.errors;
}

const rule = (p: Pack, k: number) => p.sites![0]!.checks![0]!.rules[k]!;

describe('guard and field-check syntax', () => {
  it('accepts guards and checks', () => {
    expect(errors(() => undefined)).toEqual([]);
  });

  it('names the rule of a bad pattern, a reversed length and a rule that checks nothing', () => {
    expect(
      errors((p) => {
        rule(p, 0).pattern = '1[3-9';
        rule(p, 1).minLength = 300;
        p.sites![0]!.checks![0]!.rules.push({ id: 'empty', name: L('空'), selector: '#x' });
      }),
    ).toEqual([
      {
        path: 'sites[0].checks[0].rules[0].pattern',
        message: expect.stringMatching(/^rule "phone": "1\[3-9" is not a valid regular expression \(Invalid regular expression/),
      },
      { path: 'sites[0].checks[0].rules[1].minLength', message: 'rule "notes": minLength 300 is more than maxLength 200' },
      { path: 'sites[0].checks[0].rules[3]', message: expect.stringMatching(/^rule "empty" checks nothing/) },
    ]);
  });

  it('needs one locator per guard, submit and rule, and known verifying items', () => {
    const found = errors((p) => {
      p.sites![0]!.guards![0]!.verifiedBy = ['nope'];
      p.sites![0]!.guards!.push({ id: 'change-plan', name: L('x'), selector: '#a', labelText: 'A' });
      p.sites![0]!.checks![0]!.submit = {};
      delete rule(p, 1).selector;
    });
    expect(found).toEqual([
      { path: 'sites[0].guards[0].verifiedBy[0]', message: 'guard "change-plan" refers to unknown checklist item "nope"' },
      { path: 'sites[0].guards[1]', message: expect.stringMatching(/exactly one of selector or labelText/) },
      { path: 'sites[0].guards[1].id', message: expect.stringMatching(/duplicate guard id "change-plan"/) },
      { path: 'sites[0].checks[0].submit', message: expect.stringMatching(/exactly one of selector or labelText/) },
      { path: 'sites[0].checks[0].rules[1]', message: expect.stringMatching(/exactly one of selector or labelText/) },
    ]);
  });

  it('names the field of a wrong mode or an unknown key', () => {
    const found = errors((p) => {
      (rule(p, 0) as { mode: string }).mode = 'stop';
      (rule(p, 2) as unknown as { one_of: string[] }).one_of = ['a'];
    });
    expect(found.map((e) => e.path)).toEqual(['sites[0].checks[0].rules[0].mode', 'sites[0].checks[0].rules[2].one_of']);
  });
});
