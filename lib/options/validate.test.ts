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
    expect(problem(checkPackUrl('https://u:p@packs.example.com/a.json'))).toBe('“https://u:p@packs.example.com/a.json” must not contain a user name or password.');
    expect(problem(checkPackUrl('http://packs.example.com/a.json'))).toMatch(/must start with https:\/\//);
    expect(problem(checkPackUrl(`https://a.example/${'x'.repeat(2000)}`))).toBe('The address is longer than 2,000 characters.');
    const zh = checkPackUrl('packs');
    expect(!zh.ok && translate('zh-CN', zh.problem.key, zh.problem.params)).toBe('“packs”不是网址。');
  });

  it('trusted keys and labels', () => {
    const key = btoa(String.fromCharCode(...new Uint8Array(32).fill(1)));
    expect(checkTrustedKey(` ${key} `, ' Lead ')).toEqual({ ok: true, value: { publicKey: key, label: 'Lead' } });
    expect(checkTrustedKey(key, '')).toEqual({ ok: true, value: { publicKey: key } });
    expect(problem(checkTrustedKey('', ''))).toBe('Paste the public key first.');
    expect(problem(checkTrustedKey('abc', ''))).toMatch(/^This is not a public key/);
    expect(problem(checkTrustedKey(key, 'x'.repeat(81)))).toBe('Too long: at most 80 characters.');
  });

  it('profile: limits read from the schema, each field on its own', () => {
    expect(PROFILE_MAX).toEqual({ company: 80, agentId: 40, name: 80 });
    expect(checkProfile({ company: 'a', agentId: '', name: '' })).toEqual({});
    const out = checkProfile({ company: 'c'.repeat(81), agentId: '1'.repeat(40), name: '' });
    expect(Object.keys(out)).toEqual(['company']);
    expect(out.company!.message).toBe('Too long: at most 80 characters (this has 81).');
  });
});
