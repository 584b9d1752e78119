import { describe, expect, it } from 'vitest';
import { mergeReads } from './merge';

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
