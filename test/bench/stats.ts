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

/** mulberry32, a tiny seeded PRNG: the same seed gives the same generated packs, corpus, queries and intervals on every run. */
export function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * 95 % percentile-bootstrap interval of median(a) / median(b): each arm resampled with
 * replacement on its own. How far the budget's ratio could move on this machine's noise alone.
 */
export function ratioInterval(a: readonly number[], b: readonly number[], draws = 2000, seed = 1): [number, number] {
  if (!a.length || !b.length) return [NaN, NaN];
  const rand = seeded(seed);
  const resample = (xs: readonly number[]) => xs.map(() => xs[Math.floor(rand() * xs.length)]!);
  const ratios = Array.from({ length: draws }, () => median(resample(a)) / median(resample(b))).sort((x, y) => x - y);
  return [ratios[Math.floor(draws * 0.025)]!, ratios[Math.ceil(draws * 0.975) - 1]!];
}

/**
 * Median of with − without within each round (the two ran seconds apart, so slow drift in the
 * machine's load cancels): what the extension adds, e.g. script ms on the heavy page.
 */
export function pairedExcess(withs: readonly number[], withouts: readonly number[]): number {
  if (withs.length !== withouts.length) throw new Error(`Pair the same number of samples: ${withs.length} with, ${withouts.length} without`);
  return median(withs.map((w, i) => w - withouts[i]!));
}

/** k of n as a fraction (NaN when nothing was counted, so a missing figure stays missing). */
export const share = (k: number, n: number): number => (n > 0 ? k / n : NaN);
