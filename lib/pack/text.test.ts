import { describe, expect, it } from 'vitest';
import { fillVariables, listVariables, t, tokenizeTemplate } from './text';

describe('t', () => {
  it('picks the language and falls back to zh-CN', () => {
    expect(t({ 'zh-CN': '您好', en: 'Hello' }, 'en')).toBe('Hello');
    expect(t({ 'zh-CN': '您好', en: 'Hello' }, 'zh-CN')).toBe('您好');
    expect(t({ 'zh-CN': '您好' }, 'en')).toBe('您好');
    expect(t({ 'zh-CN': '您好', en: '' }, 'en')).toBe('您好');
    expect(t(undefined, 'en')).toBe('');
  });
});

describe('fillVariables', () => {
  const greeting = '您好,{company}客服{agentId},很高兴为您服务,请问有什么可以帮您?';

  it('fills simple and dotted placeholders', () => {
    expect(fillVariables(greeting, { company: '中国电信', agentId: '1024' })).toEqual({
      text: '您好,中国电信客服1024,很高兴为您服务,请问有什么可以帮您?',
      missing: [],
    });
    expect(fillVariables('{customer.name}您好', { 'customer.name': '张先生' }).text).toBe('张先生您好');
  });

  it('leaves unknown, undefined and blank variables in place and lists each once', () => {
    expect(fillVariables('{a}{b}{c}{a}{d}', { b: undefined, c: ' ', d: 'D' })).toEqual({
      text: '{a}{b}{c}{a}D',
      missing: ['a', 'b', 'c'],
    });
  });

  it('never reads inherited properties', () => {
    expect(fillVariables('{constructor}{toString}', {})).toEqual({
      text: '{constructor}{toString}',
      missing: ['constructor', 'toString'],
    });
  });

  it('treats {{ and }} as literal braces', () => {
    expect(fillVariables('{{company}} is {company}', { company: 'X' })).toEqual({ text: '{company} is X', missing: [] });
    expect(fillVariables('{{{company}}}', { company: 'X' }).text).toBe('{X}');
    expect(fillVariables('a }} b {{ c', {}).text).toBe('a } b { c');
  });

  it('keeps braces that are not placeholders as they are', () => {
    for (const text of ['{ company }', '{客户}', '{}', '{a b}', '{1x}', '{a.}', 'a { b', 'a } b', '{company']) {
      expect(fillVariables(text, { company: 'X' })).toEqual({ text, missing: [] });
    }
  });

  it('does not fill placeholders that appear inside values', () => {
    expect(fillVariables('{a}', { a: '{b}', b: 'no' })).toEqual({ text: '{b}', missing: [] });
  });

  it('stays fast on brace-heavy text', () => {
    const text = '{a'.repeat(10000);
    const started = performance.now();
    expect(fillVariables(text, {}).text).toBe(text);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('listVariables', () => {
  it('lists names once, in order, ignoring escapes', () => {
    expect(listVariables('{agentId} {company} {{x}} {customer.name} {company}')).toEqual(['agentId', 'company', 'customer.name']);
    expect(listVariables('no variables')).toEqual([]);
  });
});

describe('filters belong to record templates, not phrases', () => {
  it('leaves a filtered placeholder in a phrase as literal text, and tokenizes it for templates', () => {
    expect(fillVariables('电话 {customer.phone|masked}', { 'customer.phone': '13812345678' })).toEqual({ text: '电话 {customer.phone|masked}', missing: [] });
    expect(tokenizeTemplate('a{x.y|masked}{z}')).toEqual([
      { kind: 'text', value: 'a' },
      { kind: 'var', name: 'x.y', filter: 'masked' },
      { kind: 'var', name: 'z' },
    ]);
  });
});
