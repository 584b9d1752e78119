import { describe, expect, it } from 'vitest';
import { parsePack } from './parse';
import type { Pack } from './schema';

const L = (zh: string, en?: string) => (en === undefined ? { 'zh-CN': zh } : { 'zh-CN': zh, en });

/** A small valid pack: ask → (yes → done | no → done). Tests break one thing at a time. */
function pack(): Pack {
  return {
    format: 1,
    id: 'test.pack',
    version: 1,
    title: L('测试', 'Test'),
    languages: ['zh-CN', 'en'],
    procedures: [
      {
        id: 'p',
        title: L('流程', 'Procedure'),
        kind: 'contact',
        start: 'ask',
        steps: [
          {
            id: 'ask',
            title: L('询问', 'Ask'),
            phrases: [{ id: 'hello', text: L('您好', 'Hello') }],
            checklist: [{ id: 'verified', text: L('已核实', 'Verified'), required: true, verifiesIdentity: true }],
            choices: [
              { id: 'yes', label: L('是', 'Yes'), next: 'done' },
              { id: 'no', label: L('否', 'No'), next: 'done' },
            ],
          },
          { id: 'done', title: L('完成', 'Done'), requiresIdentity: true },
        ],
      },
    ],
  };
}

function errorsOf(input: unknown) {
  const result = parsePack(input);
  return result.ok ? [] : result.errors;
}

describe('checkPack via parsePack', () => {
  it('accepts the base pack without warnings', () => {
    expect(parsePack(pack())).toEqual({ ok: true, pack: pack(), warnings: [] });
  });

  it('rejects duplicate procedure ids', () => {
    const p = pack();
    p.procedures.push(structuredClone(p.procedures[0]!));
    expect(errorsOf(p)).toEqual([{ path: 'procedures[1].id', message: 'duplicate procedure id "p" (first used at procedures[0].id)' }]);
  });

  it.each([
    ['step', (p: Pack) => p.procedures[0]!.steps.push({ id: 'done', title: L('重复') }), 'procedures[0].steps[2].id'],
    [
      'checklist item',
      (p: Pack) => (p.procedures[0]!.steps[1]!.checklist = [{ id: 'verified', text: L('x'), required: false }]),
      'procedures[0].steps[1].checklist[0].id',
    ],
    ['phrase', (p: Pack) => (p.procedures[0]!.steps[1]!.phrases = [{ id: 'hello', text: L('x') }]), 'procedures[0].steps[1].phrases[0].id'],
    ['choice', (p: Pack) => (p.procedures[0]!.steps[0]!.choices![1]!.id = 'yes'), 'procedures[0].steps[0].choices[1].id'],
  ])('rejects duplicate %s ids within a procedure', (what, mutate, path) => {
    const p = pack();
    mutate(p);
    expect(errorsOf(p)).toContainEqual({ path, message: expect.stringMatching(new RegExp(`^duplicate ${what} id`)) });
  });

  it('allows the same step and item ids in different procedures', () => {
    const p = pack();
    p.procedures.push({ ...structuredClone(p.procedures[0]!), id: 'q' });
    expect(parsePack(p).ok).toBe(true);
  });

  it('rejects a missing start step', () => {
    const p = pack();
    p.procedures[0]!.start = 'nowhere';
    expect(errorsOf(p)).toEqual([{ path: 'procedures[0].start', message: expect.stringContaining('unknown step "nowhere"') }]);
  });

  it('rejects next and choice next that point outside the procedure', () => {
    const p = pack();
    p.procedures[0]!.steps[1]!.next = 'ghost';
    p.procedures[0]!.steps[0]!.choices![0]!.next = 'ghost';
    const paths = errorsOf(p).map((e) => e.path);
    expect(paths).toContain('procedures[0].steps[1].next');
    expect(paths).toContain('procedures[0].steps[0].choices[0].next');
  });

  it('rejects a step with both choices and next', () => {
    const p = pack();
    p.procedures[0]!.steps[0]!.next = 'done';
    expect(errorsOf(p)).toEqual([{ path: 'procedures[0].steps[0].next', message: expect.stringContaining('together with choices') }]);
  });

  it('rejects an empty choices list', () => {
    const p = pack();
    p.procedures[0]!.steps[1]!.choices = [];
    expect(errorsOf(p)).toContainEqual({ path: 'procedures[0].steps[1].choices', message: expect.stringContaining('at least one choice') });
  });

  it('rejects a step that cannot be reached from start', () => {
    const p = pack();
    p.procedures[0]!.steps.push({ id: 'orphan', title: L('孤立') });
    expect(errorsOf(p)).toEqual([{ path: 'procedures[0].steps[2]', message: 'step "orphan" is not reachable from the start step "ask"' }]);
  });

  it('rejects a procedure whose reachable steps never end', () => {
    const p = pack();
    p.procedures[0]!.steps[1]!.next = 'ask';
    expect(errorsOf(p)).toEqual([{ path: 'procedures[0].steps', message: expect.stringContaining('no end step') }]);
  });

  it('rejects an identity-gated step when nothing verifies identity', () => {
    const p = pack();
    delete p.procedures[0]!.steps[0]!.checklist![0]!.verifiesIdentity;
    expect(errorsOf(p)).toEqual([{ path: 'procedures[0].steps[1].requiresIdentity', message: expect.stringContaining('never unlock') }]);
  });

  it('requires zh-CN in languages', () => {
    const p = pack();
    p.languages = ['en'];
    expect(errorsOf(p)).toEqual([{ path: 'languages', message: 'must include "zh-CN" (every text has Chinese)' }]);
  });

  it('warns, without failing, about missing English when en is listed', () => {
    const p = pack();
    delete p.procedures[0]!.steps[0]!.phrases![0]!.text.en;
    p.procedures[0]!.steps[0]!.choices![1]!.label.en = ' ';
    const result = parsePack(p);
    expect(result.ok && result.warnings).toEqual([
      { path: 'procedures[0].steps[0].phrases[0].text.en', message: 'English text is missing' },
      { path: 'procedures[0].steps[0].choices[1].label.en', message: 'English text is missing' },
    ]);
  });

  it('does not ask for English when en is not listed', () => {
    const p = pack();
    p.languages = ['zh-CN'];
    delete p.title.en;
    expect(parsePack(p)).toMatchObject({ ok: true, warnings: [] });
  });
});
