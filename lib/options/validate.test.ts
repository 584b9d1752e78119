import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/translate';
import { checkPackUrl, checkProfile, checkSitePattern, checkTrustedKey, PROFILE_MAX } from './validate';

const problem = (c: { ok: boolean; problem?: { key: string; params: Record<string, string | number> } }) =>
  c.ok ? 'ok' : translate('en', c.problem!.key as never, c.problem!.params);

describe('options input checks', () => {
  it('site patterns: trimmed, shaped like a match pattern, not already listed', () => {
    expect(checkSitePattern('  https://crm.example.com/*  ', [])).toEqual({ ok: true, value: 'https://crm.example.com/*' });
    expect(checkSitePattern('http://127.0.0.1/*', []).ok).toBe(true);
    expect(problem(checkSitePattern('', []))).toBe('Type the address of your CRM first.');
    expect(problem(checkSitePattern('crm.example.com', []))).toMatch(/^“crm\.example\.com” is not a site address/);
    expect(problem(checkSitePattern('https://crm.example.com', []))).toMatch(/is not a site address/);
    expect(problem(checkSitePattern('https://crm.example.com/*', ['https://crm.example.com/*']))).toBe('https://crm.example.com/* is already in the list.');
  });

  it('pack URLs: each problem in words, in both languages', () => {
    expect(checkPackUrl(' https://packs.example.com/a.json ')).toEqual({ ok: true, value: 'https://packs.example.com/a.json' });
    expect(problem(checkPackUrl('packs'))).toBe('“packs” is not a web address.');
    expect(problem(checkPackUrl('https://u:p@packs.example.com/a.json'))).toBe(
      '“https://u:p@packs.example.com/a.json” must not contain a user name or password.',
    );
    expect(problem(checkPackUrl('http://packs.example.com/a.json'))).toMatch(/must start with https:\/\//);
    expect(problem(checkPackUrl(`https://a.example/${'x'.repeat(2000)}`))).toBe('The address is longer than 2,000 characters.');
    const zh = checkPackUrl('packs');
    expect(!zh.ok && translate('zh-CN', zh.problem.key, zh.problem.params)).toBe('“packs”不是网址。');
  });

  it('trusted keys: the key, its label and the pack ids it may sign, each field with its own problem', () => {
    const key = btoa(String.fromCharCode(...new Uint8Array(32).fill(1)));
    const fields = (c: ReturnType<typeof checkTrustedKey>) =>
      c.ok ? 'ok' : Object.fromEntries(Object.entries(c.problems).map(([f, p]) => [f, translate('en', p.key, p.params)]));
    expect(checkTrustedKey(` ${key} `, ' Lead ', ' acme.team-b， acme.shared.* acme.team-b')).toEqual({
      ok: true,
      value: { publicKey: key, label: 'Lead', packIds: ['acme.team-b', 'acme.shared.*'] },
    });
    expect(checkTrustedKey(key, '', 'acme.*')).toEqual({ ok: true, value: { publicKey: key, packIds: ['acme.*'] } });
    expect(fields(checkTrustedKey('', '', 'acme.*'))).toEqual({ publicKey: 'Paste the public key first.' });
    expect((fields(checkTrustedKey('abc', '', 'acme.*')) as Record<string, string>).publicKey).toMatch(/^This is not a public key/);
    expect(fields(checkTrustedKey(key, 'x'.repeat(81), 'acme.*'))).toEqual({ label: 'Too long: at most 80 characters.' });
    // Every wrong field at once.
    expect(fields(checkTrustedKey('abc', '', ' '))).toEqual({
      publicKey: expect.stringMatching(/^This is not a public key/),
      packIds: 'Enter the pack ids this key may sign, e.g. acme.team-b or acme.*.',
    });
    // "*" is the administrator's alone, even beside real ids.
    expect(fields(checkTrustedKey(key, '', 'acme.team-b, *'))).toEqual({
      packIds: '"*" (any pack) can only be set by your administrator: enter pack ids or a namespace.',
    });
    expect(fields(checkTrustedKey(key, '', 'acme.team-b, Team B!, acme.*'))).toEqual({
      packIds: 'These are not pack ids (lowercase a-z, 0-9, . _ -, or a namespace ending in .* such as acme.*): "Team", "B!"',
    });
    const many = Array.from({ length: 21 }, (_, i) => `acme.p${i}`).join(',');
    expect(fields(checkTrustedKey(key, '', many))).toEqual({ packIds: 'A key can be bound to at most 20 pack ids.' });
    const zh = checkTrustedKey(key, '', '*');
    expect(!zh.ok && translate('zh-CN', zh.problems.packIds!.key, zh.problems.packIds!.params)).toBe(
      '“*”（任何话术包）只能由管理员设置：请填写具体的话术包 ID 或命名空间。',
    );
  });

  it('profile: limits read from the schema, each field on its own', () => {
    expect(PROFILE_MAX).toEqual({ company: 80, agentId: 40, name: 80 });
    expect(checkProfile({ company: 'a', agentId: '', name: '' })).toEqual({});
    const out = checkProfile({ company: 'c'.repeat(81), agentId: '1'.repeat(40), name: '' });
    expect(Object.keys(out)).toEqual(['company']);
    expect(out.company!.message).toBe('Too long: at most 80 characters (this has 81).');
  });
});
