/**
 * Text normalization shared by the index (at build time) and the query (once per search),
 * so both sides compare the same code units.
 */

/**
 * NFKC folds full-width Latin, digits and spaces (`ＶＩＰ　客户`) to half-width, which agents
 * type with a Chinese IME on; lower-casing makes English case-insensitive. Control characters
 * are removed because `\u0000` separates fields in the haystacks.
 */
export function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u0000-\u001f]/g, ' ');
}

/** Splits a query into its AND-ed terms. */
export function queryTerms(query: string): string[] {
  const terms = normalize(query)
    .split(/\s+/)
    .filter((t) => t.length > 0);
  return Array.from(new Set(terms));
}

/**
 * True when the code unit before a match ends a word: anything but a Latin letter or digit.
 * Chinese has no spaces, so after punctuation (`，`, `。`) a match also counts as a word start.
 */
export function isBoundary(code: number): boolean {
  return !((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0xc0 && code <= 0x24f) || isHan(code));
}

/** CJK Unified Ideographs and Extension A, the blocks pack text uses. */
export function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}
