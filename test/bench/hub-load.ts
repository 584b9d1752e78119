/**
 * The hub bench's load, as pure functions (tested in hub-load.test.ts): who the simulated
 * agents are, how their run summaries arrive (batch sizes of an extension that sends after
 * each contact and catches up after being offline), the rate the hub has to sustain, and
 * the shape of the 30 days of roll-ups seeded for the dashboard figures.
 */
import { seeded } from './stats';

export interface HubScale {
  agents: number;
  teams: number;
  contactsPerDay: number;
  days: number;
  procedures: number;
  /** Run summaries sent through HTTP for the ingestion figure (resends not counted). */
  ingestEvents: number;
  /** Timed requests per dashboard query. */
  reps: number;
}

export const FULL: HubScale = { agents: 10_000, teams: 100, contactsPerDay: 60, days: 30, procedures: 5, ingestEvents: 10_000, reps: 30 };
export const QUICK: HubScale = { agents: 1_000, teams: 10, contactsPerDay: 60, days: 30, procedures: 5, ingestEvents: 4_000, reps: 10 };

export const STEPS = ['s0', 's1', 's2', 's3', 's4'];
/** Agent `a`: its id, team and channel (70 % phone), the same in the seeded roll-ups and the load. */
export const agentOf = (a: number, teams: number) => ({
  id: `agent-${a}`,
  team: `team-${a % teams}`,
  channel: Math.floor(a / teams) % 10 < 7 ? 'phone' : 'online',
});

/**
 * Events per batch: 70 % of batches carry the one contact just finished, 20 % 2-5 (a few
 * contacts while the hub was slow), 8 % 6-20, 2 % 21-100 (an agent back after a hub outage
 * or a day offline). Mean ≈ 3.6.
 */
export function batchSize(r: number, r2: number): number {
  if (r < 0.7) return 1;
  if (r < 0.9) return 2 + Math.floor(r2 * 4);
  if (r < 0.98) return 6 + Math.floor(r2 * 15);
  return 21 + Math.floor(r2 * 80);
}

export interface Batch {
  agent: number;
  /** Indices into the event list: events of one agent, in the order they happened. */
  events: number[];
  /** A resend of an earlier batch (the extension never got the answer): all duplicates. */
  resend: boolean;
}

/**
 * `total` events from many agents in realistic batches, each batch from an agent chosen at
 * random; `resendShare` of the batches are sent again later (at-least-once delivery).
 */
export function arrivalPlan(total: number, agents: number, resendShare = 0.02, seed = 11): Batch[] {
  const rand = seeded(seed);
  const out: Batch[] = [];
  let next = 0;
  while (next < total) {
    const n = Math.min(total - next, batchSize(rand(), rand()));
    out.push({ agent: Math.floor(rand() * agents), events: Array.from({ length: n }, (_, i) => next + i), resend: false });
    next += n;
  }
  const firsts = out.length;
  for (let i = 0; i < firsts; i++) {
    if (rand() >= resendShare) continue;
    // Later in the stream, as a retry after a timeout would be.
    const at = Math.min(out.length, i + 1 + Math.floor(rand() * 200));
    out.splice(at, 0, { ...out[i]!, resend: true });
  }
  return out;
}

/** Events a second the hub must take when `agents` × `perDay` contacts finish within `hours`. */
export const neededRate = (agents: number, perDay: number, hours = 8) => (agents * perDay) / (hours * 3600);

/** The 95th percentile (nearest rank). */
export function p95(xs: readonly number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]!;
}

/**
 * Where contacts end: [end step, outcome, share in twentieths]. The last entry takes the
 * remainder, so every cell's runs add up to exactly its contacts.
 */
export const ENDS: [string, string, number][] = [
  ['s1', 'abandoned', 1],
  ['s2', 'abandoned', 1],
  ['s3', 'abandoned', 1],
  ['s4', 'finished', 17],
];

/** Runs ending at each of ENDS for `n` contacts: whole numbers that add up to `n`. */
export function endCounts(n: number): number[] {
  const counts = ENDS.slice(0, -1).map(([, , share]) => Math.floor((n * share) / 20));
  return [...counts, n - counts.reduce((a, b) => a + b, 0)];
}

/**
 * A step-time histogram of `visits` around bucket `center`: triangular over center ± 8
 * (17 buckets, weights (9 - |k|) / 81), whole numbers adding up to `visits`.
 */
export function histogram(visits: number, center: number): [number, number][] {
  const out: [number, number][] = [];
  let left = visits;
  for (let k = -8; k <= 8; k++) {
    if (k === 0) continue;
    const n = Math.floor((visits * (9 - Math.abs(k))) / 81);
    out.push([center + k, n]);
    left -= n;
  }
  out.push([center, left]);
  return out.filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
}
