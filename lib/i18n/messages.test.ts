import { describe, expect, it } from 'vitest';
import { MESSAGES, resolveLang, translate } from './translate';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('UI strings', () => {
  it('have the same keys in zh-CN and en', () => {
    expect(Object.keys(MESSAGES['zh-CN']).sort()).toEqual(Object.keys(MESSAGES.en).sort());
  });

  // A translation that drops `{items}` would silently hide what blocks the agent.
  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(MESSAGES.en) as (keyof typeof MESSAGES.en)[]) {
      expect(placeholders(MESSAGES['zh-CN'][key]), key).toEqual(placeholders(MESSAGES.en[key]));
    }
  });

  it('have no empty strings', () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      for (const [key, value] of Object.entries(MESSAGES[lang])) expect(value.trim(), `${lang} ${key}`).not.toBe('');
    }
  });
});

describe('translate', () => {
  it('fills params and leaves unknown ones visible', () => {
    expect(translate('en', 'blocked.required', { items: 'A, B' })).toBe('Still to do: A, B');
    expect(translate('zh-CN', 'header.progress', { percent: 40 })).toBe('已完成 40%');
    expect(translate('en', 'header.progress')).toBe('{percent}% done');
  });
});

describe('resolveLang', () => {
  it('follows the browser for auto', () => {
    expect(resolveLang('auto', 'zh-TW')).toBe('zh-CN');
    expect(resolveLang('auto', 'zh')).toBe('zh-CN');
    expect(resolveLang('auto', 'en-GB')).toBe('en');
    expect(resolveLang('auto', 'de')).toBe('en');
  });
  it('keeps an explicit choice', () => {
    expect(resolveLang('en', 'zh-CN')).toBe('en');
    expect(resolveLang('zh-CN', 'en-US')).toBe('zh-CN');
  });
});
