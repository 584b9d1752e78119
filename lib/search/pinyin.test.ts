import { describe, expect, it, vi } from 'vitest';
import { pinyinInitial, pinyinInitials, pinyinSupported } from './pinyin';

// Node 20 ships full ICU, so the collation must be there; browsers without it just lose pinyin.
describe('pinyin initials from the zh collation', () => {
  it('is supported in this runtime', () => {
    expect(pinyinSupported()).toBe(true);
  });

  it('derives the initials of known characters', () => {
    const known = '您n好h公g司s服f务w请q投t诉s咨z询x查c办b理l建j议y客k电d话h';
    for (let i = 0; i < known.length; i += 2) {
      expect([known[i], pinyinInitial(known.charAt(i))]).toEqual([known[i], known[i + 1]]);
    }
  });

  // Characters at both edges of each block: the first of the block, and common ones that
  // sort just before the block starts of older published lists (他 tā before 它).
  it('puts the block edges on the right side', () => {
    const edges = '吖a阿a啊a丷b八b簿b嚓c咑d哒d搭d妸e二e发f旮g过g哈h丌j讥j攟j咔k鬠k垃l呣m妈m拏n喔o噢o妑p七q群q呥r仨s他t它t屲w挖w夕x丫y韵y帀z做z咗z';
    for (let i = 0; i < edges.length; i += 2) {
      expect([edges[i], pinyinInitial(edges.charAt(i))]).toEqual([edges[i], edges[i + 1]]);
    }
  });

  it('skips characters that are not Han and those without a reading', () => {
    expect(pinyinInitials('您好，ＡＰＰ公司 1')).toBe('nhgs');
    expect(pinyinInitial('㐀')).toBe('');
    expect(pinyinInitial('A')).toBe('');
  });
});

describe('the collator', () => {
  // The panel imports this module at boot; building the pinyin collator there cost its boot
  // a long task in a fresh renderer (test/bench/panel-boot.ts --cold).
  it('is built on first use, not when the module loads', async () => {
    vi.resetModules();
    // Building it starts by asking whether zh-CN is supported.
    const made = vi.spyOn(Intl.Collator, 'supportedLocalesOf');
    const fresh = await import('./pinyin');
    expect(made).not.toHaveBeenCalled();
    expect(fresh.pinyinInitial('您')).toBe('n');
    expect(made).toHaveBeenCalledOnce();
    fresh.pinyinInitials('好公司');
    expect(made).toHaveBeenCalledOnce();
    made.mockRestore();
  });
});
