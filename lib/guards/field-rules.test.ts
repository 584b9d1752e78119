import { describe, expect, it } from 'vitest';
import { checkAll, checkValue, patternError } from './field-rules';

describe('checkValue', () => {
  it('required fails only on an empty (or blank) value', () => {
    expect(checkValue({ id: 'a', required: true }, '  ')).toBe('required');
    expect(checkValue({ id: 'a', required: true }, 'x')).toBeNull();
    expect(checkValue({ id: 'a', pattern: '\\d+' }, '')).toBeNull();
  });
  it('anchors the pattern to the whole value', () => {
    const rule = { id: 'phone', pattern: '1[3-9]\\d{9}' };
    expect(checkValue(rule, '13812345678')).toBeNull();
    expect(checkValue(rule, 'x13812345678')).toBe('pattern');
    expect(checkValue(rule, '138123456789')).toBe('pattern');
  });
  it('counts length in code points', () => {
    expect(checkValue({ id: 'n', minLength: 2 }, '张')).toBe('minLength');
    expect(checkValue({ id: 'n', minLength: 2, maxLength: 3 }, '张三')).toBeNull();
    expect(checkValue({ id: 'n', maxLength: 3 }, '张三丰子')).toBe('maxLength');
  });
  it('one-of compares the trimmed value', () => {
    expect(checkValue({ id: 't', oneOf: ['咨询', '投诉'] }, ' 投诉 ')).toBeNull();
    expect(checkValue({ id: 't', oneOf: ['咨询', '投诉'] }, '其他')).toBe('oneOf');
  });
});

describe('checkAll', () => {
  it('lists failures, blocks only for block-mode rules, skips fields not on the page', () => {
    const rules = [
      { id: 'a', required: true },
      { id: 'b', required: true, mode: 'block' as const },
      { id: 'c', required: true, mode: 'block' as const },
    ];
    const warnOnly = checkAll(rules, (r) => (r.id === 'a' ? '' : r.id === 'b' ? 'ok' : null));
    expect(warnOnly).toEqual({ failures: [{ ruleId: 'a', failure: 'required', blocking: false }], blocks: false });
    const held = checkAll(rules, () => '');
    expect(held.blocks).toBe(true);
    expect(held.failures.map((f) => f.ruleId)).toEqual(['a', 'b', 'c']);
  });
});

describe('patternError', () => {
  it('names what is wrong with a bad pattern', () => {
    expect(patternError('\\d{3}')).toBeNull();
    expect(patternError('([')).toMatch(/Invalid regular expression/);
  });
});
