/**
 * Masking for anything stored or exported, per the SOP's 信息保密 rule: phone numbers keep
 * the first 3 and last 4 digits (13812345678 → 138****5678), ids and accounts their first 3
 * and last 4 characters, names their first character. Free text is hidden entirely.
 * Works on code points, so a CJK name or an emoji is never cut in half.
 */
import type { Mask } from '../pack/context-schema';

const STAR = '*';

function keepEnds(chars: string[], head: number, tail: number): string {
  if (chars.length <= head + tail) {
    // Too short to show both ends without showing (nearly) everything: keep the first only.
    return chars.length <= 1 ? STAR : chars[0] + STAR.repeat(chars.length - 1);
  }
  return chars.slice(0, head).join('') + STAR.repeat(chars.length - head - tail) + chars.slice(-tail).join('');
}

function maskPhone(value: string): string {
  // Spaces, dashes and brackets are layout, not digits: mask the digits, keep the layout.
  const digits = [...value].filter((c) => /\d/.test(c));
  if (digits.length < 8) return keepEnds([...value], 3, 4);
  let seen = 0;
  const last = digits.length - 4;
  return [...value]
    .map((c) => {
      if (!/\d/.test(c)) return c;
      seen++;
      return seen <= 3 || seen > last ? c : STAR;
    })
    .join('');
}

export function maskValue(value: string, kind: Mask = 'text'): string {
  const v = value.trim();
  if (v === '') return '';
  switch (kind) {
    case 'phone':
      return maskPhone(v);
    case 'id':
      return keepEnds([...v], 3, 4);
    case 'name':
      return [...v][0] + STAR;
    case 'text':
      return STAR.repeat(3);
  }
}

/**
 * Masks any run of 7 or more digits in free text (a URL, an error message): such runs are
 * phone, id or account numbers far more often than anything a reader of a report needs.
 */
export function scrubDigits(text: string): string {
  return text.replace(/\d{7,}/g, (run) => maskPhone(run));
}

/**
 * For text an agent typed that the background stores (a follow-up title): e-mail addresses
 * and long digit runs are masked. Names cannot be told from other words, which is why no
 * notification or export shows this text (see lib/followups/notify-text.ts).
 */
export function scrubPersonal(text: string): string {
  return scrubDigits(text.replace(/[^\s@]+@[^\s@]+\.[^\s@]+/g, (mail) => `${[...mail][0]}***@***`));
}
