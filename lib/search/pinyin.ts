/**
 * Pinyin initials without a dictionary: the zh pinyin collation (CLDR, shipped with ICU in
 * Chrome, Firefox and Node's full-icu) sorts Han characters by reading, so a character's
 * initial is the last block whose first character sorts at or before it.
 */
import { isHan } from './normalize';

/**
 * The first character of each initial's block, found by sorting U+3400–U+9FFF with the
 * collator in ICU 78 (Node 20) and reading the neighbours of each block start. The often
 * quoted list (阿 八 … 它 穵 …) starts some blocks too late: 吖 丷 咑 丌 呣 喔 他 屲 sort before
 * 阿 八 哒 讥 妈 噢 它 穵 and would get the previous letter (他 → s). Checked by pinyin.test.ts.
 */
const BLOCK_STARTS = '吖丷嚓咑妸发旮哈丌咔垃呣拏喔妑七呥仨他屲夕丫帀';
const LETTERS = 'abcdefghjklmnopqrstwxyz';
/** The last character with a reading; characters without one sort after it. */
const LAST_WITH_READING = '咗';

function makeCollator(): Intl.Collator | undefined {
  try {
    if (Intl.Collator.supportedLocalesOf(['zh-CN']).length === 0) return undefined;
    const collator = new Intl.Collator('zh-CN-u-co-pinyin');
    // Small-icu builds fall back to code-point order; only trust the collator if it sorts by reading.
    const ok = collator.compare('阿', '八') < 0 && collator.compare('八', '嚓') < 0 && collator.compare('您', '好') > 0;
    return ok ? collator : undefined;
  } catch {
    return undefined;
  }
}

// Made on first use, not when the module loads: the panel imports this module, and building
// the pinyin tailoring costs tens of ms the first time a renderer does it (measured with
// test/bench/panel-boot.ts --cold), which would stall the panel's boot for a palette the
// agent may never open. The first search index build pays it instead.
let collator: Intl.Collator | undefined | null = null;
const theCollator = () => (collator === null ? (collator = makeCollator()) : collator);
const cache = new Map<number, string>();

/** Whether this runtime can derive pinyin initials at all. */
export const pinyinSupported = (): boolean => theCollator() !== undefined;

/** The pinyin initial of one Han character ('' when unknown or unsupported). */
export function pinyinInitial(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const cached = cache.get(code);
  if (cached !== undefined) return cached;
  let initial = '';
  const collator = theCollator();
  if (collator && isHan(code) && collator.compare(char, LAST_WITH_READING) <= 0) {
    // Binary search for the last block start <= char.
    let lo = 0;
    let hi = BLOCK_STARTS.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (collator.compare(char, BLOCK_STARTS[mid] ?? '') >= 0) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    initial = found >= 0 ? (LETTERS[found] ?? '') : '';
  }
  cache.set(code, initial);
  return initial;
}

/**
 * The initials of the Han characters in `text`, in order; other characters are skipped so
 * that "nhgs" matches 您好，公司 across the comma. Latin text is searched literally instead.
 */
export function pinyinInitials(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (isHan(text.charCodeAt(i))) out += pinyinInitial(text.charAt(i));
  }
  return out;
}
