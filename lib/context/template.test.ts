import { describe, expect, it } from 'vitest';
import { renderTemplate, templateVariables, tokenizeTemplate } from './template';

const vars = { 'customer.name': '张三', 'customer.phone': '13812345678', need: '咨询', 'ticket.id': '' };
const masks = { 'customer.name': 'name', 'customer.phone': 'phone' } as const;

describe('renderTemplate', () => {
  it('fills variables and masks the ones marked |masked by their field mask', () => {
    const r = renderTemplate('客户{customer.name}（{customer.phone|masked}），需求：{need}', vars, { masks });
    expect(r).toEqual({ text: '客户张三（138****5678），需求：咨询', unknown: [], empty: [] });
  });

  it('masks a variable without a declared mask as free text', () => {
    expect(renderTemplate('{need|masked}', vars).text).toBe('***');
  });

  it('shows known variables with no value as the empty marker, and lists them', () => {
    const r = renderTemplate('工单：{ticket.id}；{ticket.id}', vars, { empty: '—' });
    expect(r).toEqual({ text: '工单：—；—', unknown: [], empty: ['ticket.id'] });
  });

  it('leaves unknown variables and filters visible, and lists them', () => {
    const r = renderTemplate('{nope} {need|upper}', vars);
    expect(r.text).toBe('{nope} {need|upper}');
    expect(r.unknown).toEqual(['nope', 'need|upper']);
  });

  it('reads {{ and }} as literal braces and keeps non-variable braces as text', () => {
    expect(renderTemplate('{{need}} {need} { } {客户}', vars).text).toBe('{need} 咨询 { } {客户}');
  });

  it('does not take values from Object.prototype', () => {
    expect(renderTemplate('{constructor}', {}).unknown).toEqual(['constructor']);
  });
});

describe('tokenizeTemplate / templateVariables', () => {
  it('splits text and placeholders with their filters', () => {
    expect(tokenizeTemplate('a{x.y|masked}b')).toEqual([
      { kind: 'text', value: 'a' },
      { kind: 'var', name: 'x.y', filter: 'masked' },
      { kind: 'text', value: 'b' },
    ]);
  });

  it('lists each variable and filter pair once, in order', () => {
    expect(templateVariables('{a}{b|masked}{a}{b|masked}{b}')).toEqual([{ name: 'a' }, { name: 'b', filter: 'masked' }, { name: 'b' }]);
  });
});
