import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffPacks, formatDiff, isEmptyDiff, type PackDiff } from './diff';
import { diffText, tokenize } from './diff-text';
import type { Pack } from './schema';

const BASE = JSON.parse(readFileSync(resolve(__dirname, '../../test/fixtures/packs/basic/golden.json'), 'utf8')) as Pack;
const clone = (): Pack => structuredClone(BASE);
const inbound = (p: Pack) => p.procedures.find((x) => x.id === 'inbound-call')!;
const step = (p: Pack, id: string) => inbound(p).steps.find((s) => s.id === id)!;

describe('diffText', () => {
  it('diffs English by words, keeping placeholders whole', () => {
    expect(tokenize('Hello, {customer.name}!', 'en')).toEqual(['Hello', ',', ' ', '{customer.name}', '!']);
    expect(diffText('Thank you for calling, goodbye!', 'Thank you for waiting, goodbye!', 'en')).toEqual([
      { op: 'eq', text: 'Thank you for ' },
      { op: 'del', text: 'calling' },
      { op: 'add', text: 'waiting' },
      { op: 'eq', text: ', goodbye!' },
    ]);
  });

  it('diffs Chinese by words (Intl.Segmenter) so a changed word reads as one change', () => {
    const ops = diffText('您好，欢迎致电中国电信。', '您好，感谢致电中国电信。', 'zh-CN');
    expect(ops).toEqual([
      { op: 'eq', text: '您好，' },
      { op: 'del', text: '欢迎' },
      { op: 'add', text: '感谢' },
      { op: 'eq', text: '致电中国电信。' },
    ]);
  });

  it('rebuilds both texts from the ops', () => {
    const a = '请您稍等，我马上为您查询{company}的资费。';
    const b = '请稍候，我这就为您查一下{company}最新的资费标准。';
    const ops = diffText(a, b, 'zh-CN');
    expect(
      ops
        .filter((o) => o.op !== 'add')
        .map((o) => o.text)
        .join(''),
    ).toBe(a);
    expect(
      ops
        .filter((o) => o.op !== 'del')
        .map((o) => o.text)
        .join(''),
    ).toBe(b);
  });
});

describe('diffPacks', () => {
  it('finds nothing between equal packs', () => {
    const d = diffPacks(BASE, clone());
    expect(isEmptyDiff(d)).toBe(true);
    expect(formatDiff(d, { color: false })).toBe('Pack demo.basic: version 2\nNo differences.\n');
  });

  it('lists added, removed and changed steps and phrases by id', () => {
    const next = clone();
    next.version = 3;
    const proc = inbound(next);
    proc.steps = proc.steps.filter((s) => s.id !== 'answer');
    proc.steps.find((s) => s.id === 'needs')!.choices![0]!.next = 'close';
    proc.steps.push({ id: 'survey', title: { 'zh-CN': '满意度调查', en: 'Survey' } });
    const greet = step(next, 'greet');
    greet.phrases = [
      {
        ...greet.phrases![0]!,
        text: { 'zh-CN': '您好，感谢致电{company}，{agentId}号为您服务。', en: 'Hello, thank you for calling {company}, agent {agentId} speaking.' },
      },
      { id: 'greet.say-3', text: { 'zh-CN': '请讲。' } },
    ];
    step(next, 'verify').checklist![0]!.required = false;

    const d: PackDiff = diffPacks(BASE, next);
    expect([d.oldVersion, d.newVersion]).toEqual([2, 3]);
    expect(d.procedures.map((p) => [p.id, p.status])).toEqual([['inbound-call', 'changed']]);
    const steps = d.procedures[0]!.steps;
    expect(steps.map((s) => [s.id, s.status])).toEqual([
      ['greet', 'changed'],
      ['verify', 'changed'],
      ['needs', 'changed'],
      ['survey', 'added'],
      ['answer', 'removed'],
    ]);
    const g = steps[0]!;
    expect(g.phrases.map((p) => [p.id, p.status])).toEqual([
      ['greet-phone', 'changed'],
      ['greet.say-3', 'added'],
      ['greet.say-2', 'removed'],
    ]);
    const zh = g.phrases[0]!.text.find((t) => t.lang === 'zh-CN')!;
    expect(zh.ops).toContainEqual({ op: 'del', text: '欢迎' });
    expect(zh.ops).toContainEqual({ op: 'add', text: '感谢' });
    const en = g.phrases[0]!.text.find((t) => t.lang === 'en')!;
    expect(en.ops).toContainEqual({ op: 'del', text: 'welcome to' });
    expect(en.ops).toContainEqual({ op: 'add', text: 'thank you for calling' });
    expect(steps[1]!.checklist[0]).toMatchObject({ id: 'id-check', status: 'changed', fields: [{ field: 'required', old: true, new: false }] });
    expect(steps[2]!.fields.map((f) => f.field)).toEqual(['choices']);
  });

  it('lists added and removed procedures', () => {
    const next = clone();
    const [pre] = next.procedures.splice(0, 1);
    next.procedures.push({ ...pre!, id: 'post-shift', title: { 'zh-CN': '班后', en: 'After the shift' } });
    const d = diffPacks(BASE, next);
    expect(d.procedures.map((p) => [p.id, p.status])).toEqual([
      ['post-shift', 'added'],
      ['pre-shift', 'removed'],
    ]);
  });

  it('formats a readable word diff, with or without colour', () => {
    const next = clone();
    step(next, 'close').phrases![0]!.text.en = 'Thank you for waiting, goodbye!';
    const plain = formatDiff(diffPacks(BASE, next), { color: false });
    expect(plain).toBe(
      [
        'Pack demo.basic: version 2',
        '~ procedure inbound-call  来电服务 | Inbound call',
        '  ~ step close  结束 | Close',
        '    ~ phrase close.say-1  感谢您的来电，再见！ | Thank you for waiting, goodbye!',
        '        text (en): Thank you for [-calling-]{+waiting+}, goodbye!',
        '',
      ].join('\n'),
    );
    const colored = formatDiff(diffPacks(BASE, next), { color: true });
    expect(colored).toContain('\x1b[31mcalling\x1b[0m\x1b[32mwaiting\x1b[0m');
  });
});

describe('diffText cleanup', () => {
  it('keeps a pure deletion a deletion', () => {
    expect(diffText('please hold the line now', 'please hold now', 'en')).toEqual([
      { op: 'eq', text: 'please hold ' },
      { op: 'del', text: 'the line ' },
      { op: 'eq', text: 'now' },
    ]);
  });
});
