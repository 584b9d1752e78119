import { describe, expect, it } from 'vitest';
import { mergeReads } from './merge';
import { MAX_BROKEN, pageOf, recordBroken, type BrokenAnchor } from './broken-anchors';

describe('mergeReads', () => {
  it('takes the first frame with a value for each field, and unions fields and suggestions', () => {
    const merged = mergeReads([
      { values: { 'customer.name': '张三' }, fields: ['customer.name', 'customer.phone'], suggest: [] },
      { values: { 'customer.name': '李四', 'customer.phone': '13812345678' }, fields: ['customer.phone'], suggest: ['complaint'] },
      { values: { 'customer.phone': '   ' }, fields: [], suggest: ['complaint'] },
    ]);
    expect(merged).toEqual({
      values: { 'customer.name': '张三', 'customer.phone': '13812345678' },
      fields: ['customer.name', 'customer.phone'],
      suggest: ['complaint'],
    });
  });

  it('skips blank values so a later frame can fill the field', () => {
    const merged = mergeReads([
      { values: { 'ticket.id': ' ' }, fields: ['ticket.id'], suggest: [] },
      { values: { 'ticket.id': 'T1' }, fields: ['ticket.id'], suggest: [] },
    ]);
    expect(merged.values).toEqual({ 'ticket.id': 'T1' });
  });
});

describe('broken anchors', () => {
  const miss = { packId: 'p', packVersion: 1, procedureId: 'x', stepId: 's', index: 0, anchor: { selector: '#gone', name: '备注' }, page: 'http://crm/a' };

  it('counts repeated misses of the same anchor on the same page', () => {
    let list: BrokenAnchor[] = [];
    list = recordBroken(list, miss, 100);
    list = recordBroken(list, miss, 200);
    list = recordBroken(list, { ...miss, page: 'http://crm/b' }, 300);
    expect(list.map((a) => [a.page, a.count, a.firstSeen, a.lastSeen])).toEqual([
      ['http://crm/b', 1, 300, 300],
      ['http://crm/a', 2, 100, 200],
    ]);
  });

  it('keeps only the newest entries', () => {
    let list: BrokenAnchor[] = [];
    for (let i = 0; i < MAX_BROKEN + 5; i++) list = recordBroken(list, { ...miss, index: i }, i);
    expect(list).toHaveLength(MAX_BROKEN);
    expect(list[0]!.index).toBe(MAX_BROKEN + 4);
  });

  it('records pages as origin and path, without the query or customer numbers', () => {
    expect(pageOf('http://127.0.0.1:5173/customer/13812345678?phone=13812345678#x')).toBe('http://127.0.0.1:5173/customer/138****5678');
    expect(pageOf(undefined)).toBe('');
  });
});
