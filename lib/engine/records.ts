/**
 * Safe access to the run's id-keyed records. Item ids are slugs, and `constructor` is a valid
 * slug: a plain `run.ticks[id]` would find Object.prototype.constructor and call it ticked.
 */
export function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** A copy without `key`; the same object when there is nothing to remove. */
export function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (own(record, key) === undefined) return record;
  const copy = { ...record };
  delete copy[key];
  return copy;
}
