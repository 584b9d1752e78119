/**
 * Each frame's content script reads what it can see; the background merges the answers.
 * Pure, so the merge rule is tested without a browser.
 */

/** One frame's answer to `content.read`. */
export interface FrameRead {
  /** Field id → value read in this frame (non-empty values only). */
  values: Record<string, string>;
  /** Ids of the fields whose site matched this frame (found or not). */
  fields: string[];
  /** Procedure ids suggested by rules that held in this frame. */
  suggest: string[];
}

/**
 * Frames in the order given (the background passes the top frame first, then the others by
 * frame id): the first frame with a value for a field wins, so a field repeated in a hidden
 * template frame does not override the one in the main document.
 */
export function mergeReads(reads: readonly FrameRead[]): FrameRead {
  const values: Record<string, string> = {};
  const fields = new Set<string>();
  const suggest = new Set<string>();
  for (const read of reads) {
    for (const [id, value] of Object.entries(read.values)) if (!Object.hasOwn(values, id) && typeof value === 'string' && value.trim()) values[id] = value;
    read.fields.forEach((f) => fields.add(f));
    read.suggest.forEach((s) => suggest.add(s));
  }
  return { values, fields: [...fields], suggest: [...suggest] };
}
