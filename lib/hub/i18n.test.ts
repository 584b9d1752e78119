import { describe, expect, it } from 'vitest';
import { DICTIONARIES, pickLang, translator } from './i18n';

describe('hub dictionaries', () => {
  it('have the same keys in English and Chinese, none empty', () => {
    expect(Object.keys(DICTIONARIES.zh).sort()).toEqual(Object.keys(DICTIONARIES.en).sort());
    for (const lang of ['en', 'zh'] as const) for (const [k, s] of Object.entries(DICTIONARIES[lang])) expect(s, `${lang}.${k}`).not.toBe('');
  });
  it('fills placeholders and picks the language from cookie, then Accept-Language', () => {
    expect(translator('en')('tooFew', { n: 5 })).toBe('Hidden: fewer than 5 agents in this selection (privacy).');
    expect(pickLang(undefined, 'zh-CN,zh;q=0.9')).toBe('zh');
    expect(pickLang('en', 'zh-CN')).toBe('en');
    expect(pickLang(undefined, undefined)).toBe('en');
  });
});
