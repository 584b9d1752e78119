/** The hub bench's results as flat figures for bench-results.json and the table (report.ts). */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface HubPageTimes {
  p95: number;
  median: number;
}

export interface HubBackendFigures {
  backend: 'pglite' | 'postgres';
  target: string;
  ingestEventsPerSec: number;
  rawInsertEventsPerSec: number;
  ingestBatchP95Ms: number;
  twoProcessEventsPerSec?: number;
  pages: Record<string, HubPageTimes>;
  rssPeakMB: number;
  seed: { summaries: number; raw_rows: number; db_bytes: number; rawBytesPerRow: number };
}

export interface HubBenchOutput {
  scale: { agents: number; contactsPerDay: number; days: number; ingestEvents: number; reps: number };
  neededEventsPerSec: number;
  results: HubBackendFigures[];
  errors: string[];
}

const PAGES: [string, string][] = [
  ['healthz', 'GET /healthz (baseline: SELECT 1 through the same stack)'],
  ['releases', 'Releases page'],
  ['adherence', 'Adherence, first procedure, all time, all teams'],
  ['adherenceTeam', 'Adherence, one team, all time'],
  ['adherence7d', 'Adherence, last 7 days'],
  ['adherenceChannel7d', 'Adherence, one channel, last 7 days'],
  ['adherenceTeamMid', 'Adherence, one team, a week 2-3 weeks ago'],
  ['adherenceMid', 'Adherence, all teams, a week 2-3 weeks ago'],
];

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
const prefix = (b: string) => `hub${cap(b)}`;

/** Rows of the bench table, [key, unit, what], for both backends. */
export const HUB_ROWS: [string, string, string][] = [
  ['hubSummaries', '', 'hub: run summaries the dashboards cover (agents × days × contacts)'],
  ['hubNeededEventsPerSec', '/s', 'hub: those agents’ contacts finishing within an 8-hour day'],
  ...(['pglite', 'postgres'] as const).flatMap((b): [string, string, string][] => {
    const p = prefix(b);
    return [
      [`${p}IngestEventsPerSec`, '/s', `${b}: sustained ingestion over HTTP, realistic batches`],
      [`${p}RawInsertEventsPerSec`, '/s', `${b}: baseline, plain multi-row INSERT of the same batches`],
      [`${p}IngestShareOfRaw`, '×', `${b}: ingestion / baseline`],
      [`${p}IngestBatchP95Ms`, 'ms', `${b}: one batch's answer, p95 (32 in flight)`],
      ...(b === 'postgres'
        ? [[`${p}TwoProcessEventsPerSec`, '/s', `${b}: ingestion through two hub processes, one database`] as [string, string, string]]
        : []),
      ...PAGES.map(([k, what]): [string, string, string] => [`${p}${cap(k)}P95Ms`, 'ms', `${b}: ${what}, p95`]),
      [`${p}RssPeakMB`, 'MB', `${b}: hub process RSS, peak under load${b === 'pglite' ? ' (database included)' : ''}`],
    ];
  }),
];

/** Flat figures: the keys of HUB_ROWS that were measured. */
export function hubFigures(out: HubBenchOutput): Record<string, number> {
  const f: Record<string, number> = {
    hubSummaries: out.scale.agents * out.scale.days * out.scale.contactsPerDay,
    hubNeededEventsPerSec: out.neededEventsPerSec,
  };
  for (const r of out.results) {
    const p = prefix(r.backend);
    f[`${p}IngestEventsPerSec`] = r.ingestEventsPerSec;
    f[`${p}RawInsertEventsPerSec`] = r.rawInsertEventsPerSec;
    f[`${p}IngestShareOfRaw`] = Math.round((r.ingestEventsPerSec / r.rawInsertEventsPerSec) * 1000) / 1000;
    f[`${p}IngestBatchP95Ms`] = r.ingestBatchP95Ms;
    if (r.twoProcessEventsPerSec !== undefined) f[`${p}TwoProcessEventsPerSec`] = r.twoProcessEventsPerSec;
    for (const [k] of PAGES) if (r.pages[k]) f[`${p}${cap(k)}P95Ms`] = r.pages[k].p95;
    f[`${p}RssPeakMB`] = r.rssPeakMB;
  }
  return f;
}

/** What the table cannot say: what was seeded, where, and how big 30 days of raw summaries get. */
export function hubNotes(out: HubBenchOutput): string[] {
  return out.results.map(
    (r) =>
      `hub ${r.backend} (${r.target}): ${out.scale.agents} agents; roll-ups of ${r.seed.summaries} summaries seeded (30 days), ` +
      `raw summaries of the last day only (${r.seed.raw_rows}, ${r.seed.rawBytesPerRow} B each: ` +
      `${Math.round((r.seed.summaries * r.seed.rawBytesPerRow) / 1e9)} GB for all 30 days); database ${Math.round(r.seed.db_bytes / 1e6)} MB; ` +
      `${out.scale.ingestEvents} events sent per ingestion run; pages ${out.scale.reps} times each (median / p95 in bench-results.json hubPages)`,
  );
}

/**
 * The PostgreSQL the hub bench uses: DATABASE_URL, TEST_DATABASE_URL, or the throwaway
 * cluster of test/hub/pg-start.sh when PostgreSQL is installed here; else none, and why.
 */
export function postgresForBench(env = process.env): { url?: string; note?: string } {
  const url = env.DATABASE_URL || env.TEST_DATABASE_URL;
  if (url) return { url };
  if (spawnSync('sh', ['-c', 'command -v pg_createcluster'], { stdio: 'ignore' }).status !== 0)
    return { note: 'hub PostgreSQL figures skipped: PostgreSQL is not installed here and DATABASE_URL is not set' };
  const script = fileURLToPath(new URL('../hub/pg-start.sh', import.meta.url));
  const started = spawnSync('sh', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const got = started.stdout?.trim();
  return started.status === 0 && got?.startsWith('postgres://') ? { url: got } : { note: 'hub PostgreSQL figures skipped: test/hub/pg-start.sh failed' };
}
