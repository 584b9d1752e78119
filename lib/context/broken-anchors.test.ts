import { describe, expect, it } from 'vitest';
import { brokenCode, countMiss, mergeRows, pageOf, personalSegment } from './broken-anchors';

describe('pageOf', () => {
  it('keeps origin and route words; masks segments with digits, e-mail addresses, non-ASCII or name shapes', () => {
    expect(pageOf('http://127.0.0.1:5173/customer/13812345678?phone=13812345678#x')).toBe('http://127.0.0.1:5173/customer/*');
    expect(pageOf('https://crm.example.com/customers/wang.wei@example.com/edit')).toBe('https://crm.example.com/customers/*/edit');
    expect(pageOf('https://crm.example.com/客户/张三/view.html')).toBe('https://crm.example.com/*/*/view.html');
    expect(pageOf('https://crm.example.com/c/%E5%BC%A0%E4%B8%89/orders')).toBe('https://crm.example.com/c/*/orders');
    expect(pageOf('https://crm.example.com/c/John-Smith/T2008/orders')).toBe('https://crm.example.com/c/*/*/orders');
    expect(pageOf('https://crm.example.com/c/a+b/%zz/x')).toBe('https://crm.example.com/c/*/*/x');
  });

  it("is '' for anything that is not a web URL", () => {
    expect(pageOf(undefined)).toBe('');
    expect(pageOf('not a url')).toBe('');
    expect(pageOf('data:text/html,13812345678')).toBe('');
  });

  it('judges segments on their own', () => {
    expect(personalSegment('customerView')).toBe(false);
    expect(personalSegment('edit.html')).toBe(false);
    expect(personalSegment('x'.repeat(41))).toBe(true);
  });
});

describe('brokenCode', () => {
  it('turns whatever a frame said into one of our codes', () => {
    expect(brokenCode('Bad selector "##": SyntaxError')).toBe('bad-selector');
    expect(brokenCode('<img src=x onerror=alert(1)> 13812345678')).toBe('lookup-failed');
    expect(brokenCode(undefined)).toBeUndefined();
    expect(brokenCode({ toString: () => 'selector' })).toBeUndefined();
  });
});

describe('counting misses', () => {
  const miss = { packId: 'p', packVersion: 1, procedureId: 'x', stepId: 's', index: 0, anchor: { selector: '#gone', name: '备注' }, page: 'http://crm/a' };
  it('counts repeated misses and keeps the first time', () => {
    const one = countMiss(undefined, miss, 100);
    expect(countMiss(one, miss, 200)).toEqual({ ...miss, count: 2, firstSeen: 100, lastSeen: 200 });
  });
  it('merges two rows of one key', () => {
    const a = { ...miss, count: 2, firstSeen: 10, lastSeen: 50 };
    const b = { ...miss, count: 3, firstSeen: 20, lastSeen: 40 };
    expect(mergeRows(a, b)).toEqual({ ...miss, count: 5, firstSeen: 10, lastSeen: 50 });
  });
});
