import { describe, expect, it } from 'vitest';
import { maskValue, scrubDigits } from './mask';

describe('maskValue', () => {
  it('keeps the first 3 and last 4 digits of a phone number', () => {
    expect(maskValue('13812345678', 'phone')).toBe('138****5678');
    expect(maskValue(' 138-1234-5678 ', 'phone')).toBe('138-****-5678');
    expect(maskValue('+86 13812345678', 'phone')).toBe('+86 1******5678');
  });

  it('hides short numbers nearly entirely rather than showing both ends', () => {
    expect(maskValue('1234567', 'phone')).toBe('1******');
    expect(maskValue('12', 'phone')).toBe('1*');
  });

  it('keeps the first 3 and last 4 characters of ids and accounts', () => {
    expect(maskValue('ACC-2008-0417', 'id')).toBe('ACC******0417');
    expect(maskValue('T20080808001', 'id')).toBe('T20*****8001');
    expect(maskValue('AB12', 'id')).toBe('A***');
  });

  it('keeps the first character of a name, whole code points', () => {
    expect(maskValue('张三', 'name')).toBe('张*');
    expect(maskValue('欧阳娜娜', 'name')).toBe('欧*');
    expect(maskValue('𠮷野家', 'name')).toBe('𠮷*');
    expect(maskValue('Li Hua', 'name')).toBe('L*');
  });

  it('hides free text entirely, and leaves empty values empty', () => {
    expect(maskValue('我的卡被盗了', 'text')).toBe('***');
    expect(maskValue('secret')).toBe('***');
    expect(maskValue('   ', 'phone')).toBe('');
  });
});

describe('scrubDigits', () => {
  it('masks long digit runs in free text and leaves short numbers', () => {
    expect(scrubDigits('http://crm/customer/13812345678/view?v=2')).toBe('http://crm/customer/138****5678/view?v=2');
    expect(scrubDigits('room 101, 2024')).toBe('room 101, 2024');
  });
});
