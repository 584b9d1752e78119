import { describe, expect, it } from 'vitest';
import { HUB_ROWS, hubFigures, hubNotes, postgresForBench, type HubBenchOutput } from './hub-report';
import { formatTable } from './report';

const pages = (x: number) =>
  Object.fromEntries(
    ['healthz', 'releases', 'adherence', 'adherenceTeam', 'adherence7d', 'adherenceChannel7d', 'adherenceTeamMid', 'adherenceMid'].map((k, i) => [
      k,
      { p95: x + i, median: x },
    ]),
  );
const out: HubBenchOutput = {
  scale: { agents: 10_000, contactsPerDay: 60, days: 30, ingestEvents: 10_000, reps: 30 },
  neededEventsPerSec: 20.8,
  results: [
    {
      backend: 'pglite',
      target: 'PGlite on disk',
      ingestEventsPerSec: 400,
      rawInsertEventsPerSec: 1600,
      ingestBatchP95Ms: 90,
      pages: pages(10),
      rssPeakMB: 900,
      seed: { summaries: 18e6, raw_rows: 6e5, db_bytes: 2e9, rawBytesPerRow: 430 },
    },
    {
      backend: 'postgres',
      target: 'database x',
      ingestEventsPerSec: 900,
      rawInsertEventsPerSec: 3000,
      ingestBatchP95Ms: 40,
      twoProcessEventsPerSec: 1000,
      pages: pages(5),
      rssPeakMB: 150,
      seed: { summaries: 18e6, raw_rows: 6e5, db_bytes: 3e9, rawBytesPerRow: 440 },
    },
  ],
  errors: [],
};

describe('hub bench report', () => {
  it('flattens both backends into figures, each of which has a table row', () => {
    const f = hubFigures(out);
    expect(f).toMatchObject({
      hubSummaries: 18_000_000,
      hubNeededEventsPerSec: 20.8,
      hubPgliteIngestEventsPerSec: 400,
      hubPgliteRawInsertEventsPerSec: 1600,
      hubPgliteIngestShareOfRaw: 0.25,
      hubPgliteHealthzP95Ms: 10,
      hubPgliteAdherenceTeamMidP95Ms: 16,
      hubPostgresTwoProcessEventsPerSec: 1000,
      hubPostgresReleasesP95Ms: 6,
      hubPostgresRssPeakMB: 150,
    });
    expect(f.hubPgliteTwoProcessEventsPerSec).toBeUndefined();
    const rows = new Set(HUB_ROWS.map(([k]) => k));
    for (const k of Object.keys(f)) expect(rows.has(k), k).toBe(true);
    expect(formatTable(f, [])).toContain('| hubPostgresAdherence7dP95Ms | 9 | ms |');
  });

  it('leaves a backend that was not measured out, and says what was seeded', () => {
    const one = { ...out, results: [out.results[0]!] };
    expect(Object.keys(hubFigures(one)).some((k) => k.startsWith('hubPostgres'))).toBe(false);
    expect(hubNotes(one)[0]).toContain('raw summaries of the last day only (600000, 430 B each: 8 GB for all 30 days)');
  });

  it('takes PostgreSQL from DATABASE_URL, then TEST_DATABASE_URL', () => {
    expect(postgresForBench({ DATABASE_URL: 'postgres://a', TEST_DATABASE_URL: 'postgres://b' })).toEqual({ url: 'postgres://a' });
    expect(postgresForBench({ TEST_DATABASE_URL: 'postgres://b' })).toEqual({ url: 'postgres://b' });
  });
});
