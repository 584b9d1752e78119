/** Limits from RunSchema, kept here so the engine never produces a run the schema rejects. */
export const LABEL_MAX = 120;
export const REASON_MAX = 500;

/**
 * Trim, then cut to at most `max` UTF-16 units (the unit valibot's maxLength counts) without
 * splitting a surrogate pair, so an emoji at the limit is dropped whole rather than mangled.
 */
export function clip(text: string, max: number): string {
  let out = '';
  for (const char of text.trim()) {
    if (out.length + char.length > max) break;
    out += char;
  }
  return out.trimEnd();
}
