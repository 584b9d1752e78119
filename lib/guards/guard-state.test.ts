/**
 * What a tab must guard, computed by the background from the tab's contact (issue 13.1, 13.2):
 * guards stay locked until the contact ticks verification (its own `verifiedBy` items, else any
 * identity item), a finished or missing contact unlocks nothing, and field rules reach the page
 * in the agent's language with warn as the default mode.
 */
import { describe, expect, it } from 'vitest';
import type { Run } from '../engine/run';
import type { Pack } from '../pack/schema';
import { guardState, NO_GUARDS } from './guard-state';
import { guardWords } from './words';

const t = (zh: string, en = zh) => ({ 'zh-CN': zh, en });
const pack: Pack = {
  format: 1,
  id: 'acme.g',
  version: 1,
  title: t('g'),
  languages: ['zh-CN', 'en'],
  sites: [
    {
      id: 'crm',
      match: ['https://crm.example/*'],
      guards: [
        { id: 'plan', name: t('变更套餐', 'Change plan'), selector: '#plan' },
        { id: 'refund', name: t('退款', 'Refund'), labelText: 'Refund', verifiedBy: ['otp'] },
      ],
      checks: [
        {
          id: 'intake',
          submit: { selector: '#save' },
          rules: [
            { id: 'name', name: t('姓名', 'Name'), selector: '#name', required: true, mode: 'block' },
            { id: 'phone', name: t('手机', 'Mobile'), selector: '#phone', pattern: '1\\d{10}', message: t('请填手机号', 'A mobile number, please') },
          ],
        },
      ],
    },
  ],
  procedures: [
    {
      id: 'call',
      title: t('call'),
      kind: 'contact',
      start: 'verify',
      steps: [
        {
          id: 'verify',
          title: t('核实'),
          source: '2.2',
          checklist: [
            { id: 'id-ok', text: t('身份'), required: false, verifiesIdentity: true },
            { id: 'otp', text: t('验证码'), required: false },
          ],
        },
      ],
    },
  ],
};
const run = (ticks: Record<string, number>, status: Run['status'] = 'open'): Run => ({
  id: 'r',
  packId: 'acme.g',
  packVersion: 1,
  procedureId: 'call',
  status,
  path: [{ stepId: 'verify', at: 1 }],
  ticks,
  skips: {},
  choices: {},
  createdAt: 1,
  updatedAt: 1,
  rev: 1,
});
const guardIds = (s: ReturnType<typeof guardState>) => s.sites.flatMap((x) => x.guards.map((g) => g.id));

describe('guardState', () => {
  it('locks every guard while the contact is not verified, with the section to verify at', () => {
    const s = guardState([pack], run({}), 'en');
    expect(guardIds(s)).toEqual(['plan', 'refund']);
    expect(s.sites[0]!.guards[0]).toEqual({ id: 'plan', name: 'Change plan', selector: '#plan' });
    expect(s.section).toBe('2.2');
    expect(s.contact).toBe(true);
  });

  it('lifts a guard on its own verifiedBy item, the others on any identity item', () => {
    expect(guardIds(guardState([pack], run({ 'id-ok': 5 }), 'en'))).toEqual(['refund']);
    expect(guardIds(guardState([pack], run({ otp: 5 }), 'en'))).toEqual(['plan']);
    expect(guardIds(guardState([pack], run({ otp: 5, 'id-ok': 6 }), 'en'))).toEqual([]);
  });

  it('unlocks nothing without an open contact of this pack', () => {
    expect(guardIds(guardState([pack], undefined, 'en'))).toEqual(['plan', 'refund']);
    const finished = guardState([pack], run({ 'id-ok': 5, otp: 5 }, 'finished'), 'en');
    expect(guardIds(finished)).toEqual(['plan', 'refund']);
    expect(finished.contact).toBe(false);
    expect(guardIds(guardState([pack], { ...run({ 'id-ok': 5, otp: 5 }), packId: 'other.pack' }, 'en'))).toEqual(['plan', 'refund']);
  });

  it('sends field rules in the agent’s language, warn by default, checked even once verified', () => {
    const s = guardState([pack], run({ 'id-ok': 5, otp: 5 }), 'zh-CN');
    expect(s.sites).toHaveLength(1);
    expect(s.sites[0]!.checks).toEqual([
      {
        id: 'intake',
        submit: { selector: '#save' },
        rules: [
          { id: 'name', name: '姓名', selector: '#name', required: true, mode: 'block' },
          { id: 'phone', name: '手机', selector: '#phone', pattern: '1\\d{10}', mode: 'warn', message: '请填手机号' },
        ],
      },
    ]);
  });

  it('is empty for a pack with no sites, like NO_GUARDS', () => {
    const { sites: _s, ...bare } = pack;
    expect(guardState([bare], run({}), 'en')).toEqual({ ...NO_GUARDS, section: '2.2', contact: true });
  });
});

describe('guardWords', () => {
  it('carries every page word in each language, with its placeholders', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const w = guardWords(lang);
      expect(Object.values(w).every((x) => typeof x === 'string' && x.length > 0)).toBe(true);
      expect(w['guard.lockedAt']).toContain('{section}');
      expect(w['fieldCheck.minLength']).toContain('{count}');
    }
    expect(guardWords('zh-CN')['guard.locked']).not.toBe(guardWords('en')['guard.locked']);
  });
});
