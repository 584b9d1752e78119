/** Small helpers every bench file shares: medians, rounding, progress lines. */

export const median = (xs: readonly number[]): number => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** Rounds to `digits` decimals; keeps NaN so a missing figure stays visibly missing. */
export const round = (x: number, digits = 2): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

export const mb = (bytes: number): number => round(bytes / 1024 / 1024, 2);

const started = Date.now();
/** One progress line on stderr, with the seconds since the bench started. */
export function progress(message: string): void {
  process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}\n`);
}

/**
 * The order of the two conditions in round `i`: with/without, then without/with, and so on,
 * so neither always runs first (on a warmer cache, or right after the other's GC).
 */
export function alternate<T>(i: number, a: T, b: T): [T, T] {
  return i % 2 ? [b, a] : [a, b];
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
