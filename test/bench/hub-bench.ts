/**
 * Hub figures, each beside a baseline measured in the same run:
 *  - sustained ingestion: run summaries POSTed in batches of 50 to a hub on a socket by
 *    concurrent simulated agents (10,000 agents × 60 contacts a day is 600,000 events a day,
 *    about 7 a second on average), beside a raw multi-row INSERT of the same rows into the
 *    same table (no HTTP, no validation, no idempotency check);
 *  - dashboard query p95 (procedure list, adherence of one procedure: all time / one team /
 *    one week, read from the daily roll-ups) over 30 days of summaries, beside
 *    `SELECT count(*)` of the raw summaries;
 *  - hub memory (RSS and heap of this process, which also runs the load and, for PGlite,
 *    the database).
 * Quick mode scales the data down so both databases finish in under 3 minutes.
 * Run: node test/bench/hub-bench.mjs [--quick] (PostgreSQL too when DATABASE_URL is set).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiKey, createEnrolToken, enrolAgent } from '../../lib/hub/accounts';
import { DEFAULT_CONFIG } from '../../lib/hub/config';
import type { Db } from '../../lib/hub/db';
import { loadMigrations } from '../../lib/hub/migrate';
import { adherence, procedures } from '../../lib/hub/report-adherence';
import { startHub } from '../../lib/hub/serve';
import { mb, progress, round, seeded } from './stats';

export interface HubBenchOptions {
  quick: boolean;
  databaseUrl?: string;
}

const STEPS = ['greet', 'verify', 'diagnose', 'resolve', 'close'];
const BATCH = 50;

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;

function summary(rand: () => number, at: number) {
  const len = 3 + Math.floor(rand() * 3);
  return {
    id: `ev_${randomBytes(9).toString('base64url')}`,
    type: 'run' as const,
    at,
    packId: 'bench.pack',
    version: 1,
    procedureId: `proc-${Math.floor(rand() * 5)}`,
    channel: rand() < 0.7 ? ('phone' as const) : ('online' as const),
    path: STEPS.slice(0, len).map((stepId) => ({ stepId, ms: Math.floor(5000 + rand() * 60000) })),
    skipped: rand() < 0.1 ? [{ itemId: 'id-check', stepId: 'verify', reason: 'customer known from previous call' }] : [],
    outcome: rand() < 0.9 ? ('finished' as const) : ('abandoned' as const),
  };
}

async function ingestion(url: string, db: Db, agents: number, events: number, concurrency: number) {
  const token = await createEnrolToken(db, 'bench', Date.now());
  const creds: string[] = [];
  for (let i = 0; i < agents; i++) creds.push((await enrolAgent(db, token.token, `agent-${i}`, Date.now()))!.credential);
  const rand = seeded(7);
  const batches = Array.from({ length: Math.ceil(events / BATCH) }, (_, b) => ({
    cred: creds[b % agents]!,
    events: Array.from({ length: BATCH }, () => summary(rand, Date.now())),
  }));
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < batches.length) {
        const b = batches[next++]!;
        const res = await fetch(`${url}/api/events`, {
          method: 'POST',
          body: JSON.stringify({ events: b.events }),
          headers: { Authorization: `Bearer ${b.cred}` },
        });
        if (res.status !== 200) throw new Error(`ingest refused: ${res.status} ${await res.text()}`);
      }
    }),
  );
  const hubSecs = (performance.now() - t0) / 1000;
  // Baseline: the same rows, straight multi-row INSERTs into the same table, same batch size.
  await db.query('CREATE TABLE bench_raw (LIKE ev_run INCLUDING ALL)');
  const t1 = performance.now();
  for (const b of batches) {
    const params: unknown[] = [];
    const rows = b.events.map((e) => {
      const base = params.length;
      params.push(
        'agent',
        e.id,
        'bench',
        e.at,
        e.packId,
        e.version,
        e.procedureId,
        e.channel,
        e.outcome,
        e.path.at(-1)!.stepId,
        0,
        JSON.stringify(e.path),
        JSON.stringify(e.skipped),
      );
      return `(${Array.from({ length: 13 }, (_, i) => `$${base + i + 1}`).join(',')})`;
    });
    await db.query(
      `INSERT INTO bench_raw (agent_id, event_id, team, at, pack_id, version, procedure_id, channel, outcome, end_step, back_steps, path, skipped) VALUES ${rows.join(',')}`,
      params,
    );
  }
  const rawSecs = (performance.now() - t1) / 1000;
  await db.query('DROP TABLE bench_raw');
  return {
    events: batches.length * BATCH,
    hubEventsPerSec: round((batches.length * BATCH) / hubSecs, 0),
    rawEventsPerSec: round((batches.length * BATCH) / rawSecs, 0),
  };
}

/** 30 days of summaries, generated inside the database (fast), for the query figures. */
async function seedHistory(db: Db, agents: number, perDay: number) {
  const day = 86_400_000;
  const start = Date.now() - 30 * day;
  await db.query(
    `INSERT INTO ev_run (agent_id, event_id, team, at, pack_id, version, procedure_id, channel, outcome, end_step, back_steps, path, skipped)
     SELECT 'h-' || a, 'h-' || a || '-' || d || '-' || c, 'team-' || (a % 100), $1::bigint + d * $2::bigint + c * 60000,
            'bench.pack', 1, 'proc-' || ((a + c) % 5), CASE WHEN c % 3 = 0 THEN 'online' ELSE 'phone' END,
            CASE WHEN (a + c) % 10 = 0 THEN 'abandoned' ELSE 'finished' END, 'close', (c % 7 = 0)::int,
            jsonb_build_array(jsonb_build_object('stepId','greet','ms',5000 + (a * 7 + c) % 20000), jsonb_build_object('stepId','verify','ms',8000 + (a * 13 + d) % 40000),
                              jsonb_build_object('stepId','resolve','ms',20000 + (a * 31 + c * d) % 90000), jsonb_build_object('stepId','close','ms',3000 + c % 5000)),
            CASE WHEN c % 10 = 0 THEN '[{"itemId":"id-check","stepId":"verify","reason":"known caller"}]'::jsonb ELSE '[]'::jsonb END
     FROM generate_series(0, $3::int - 1) a, generate_series(0, 29) d, generate_series(0, $4::int - 1) c`,
    [start, day, agents, perDay],
  );
  // The roll-ups the dashboard reads, built by the same SQL migration 002 uses for data
  // that predates it (ingestion builds them event by event, which would take hours here).
  const m = loadMigrations().find((x) => x.id === 2)!.sql;
  await db.exec(m.slice(m.indexOf('-- Releases already running')));
  for (const t of ['ev_run', 'run_day', 'step_day', 'skip_day', 'agent_day']) await db.query(`ANALYZE ${t}`);
  const [size] = await db.query<{ n: number }>(
    'SELECT (SELECT count(*) FROM step_day) + (SELECT count(*) FROM run_day) + (SELECT count(*) FROM agent_day) AS n',
  );
  progress(`hub bench: ${agents * 30 * perDay} summaries → ${size!.n} roll-up rows`);
  return agents * 30 * perDay;
}

async function queries(db: Db, reps: number) {
  const key = { pack_id: 'bench.pack', procedure_id: 'proc-1', version: 1 };
  const week = { from: Date.now() - 7 * 86_400_000 };
  const cases: [string, () => Promise<unknown>][] = [
    ['baseline count(*)', () => db.query('SELECT count(*) FROM ev_run')],
    ['procedure list', () => procedures(db, {}, 5)],
    ['adherence, all time', () => adherence(db, key, {}, 5)],
    ['adherence, one team', () => adherence(db, key, { team: 'team-7' }, 5)],
    ['adherence, last 7 days', () => adherence(db, key, week, 5)],
  ];
  const out: Record<string, number> = {};
  for (const [name, run] of cases) {
    await run();
    const times: number[] = [];
    for (let i = 0; i < reps; i++) {
      const t = performance.now();
      await run();
      times.push(performance.now() - t);
    }
    out[name] = round(p95(times), 1);
  }
  return out;
}

export async function benchHub(opts: HubBenchOptions) {
  const scale = opts.quick
    ? { agents: 200, events: 5_000, historyAgents: 500, perDay: 4, reps: 10 }
    : { agents: 10_000, events: 100_000, historyAgents: 10_000, perDay: 60, reps: 20 };
  const results = [];
  for (const backend of ['pglite', ...(opts.databaseUrl ? ['postgres'] : [])] as const) {
    progress(`hub bench: ${backend}`);
    let databaseUrl: string | undefined;
    let schema: string | undefined;
    if (backend === 'postgres') {
      schema = `hub_bench_${Date.now().toString(36)}`;
      const u = new URL(opts.databaseUrl!);
      u.searchParams.set('options', `-c search_path=${schema}`);
      const { openPostgres } = await import('../../lib/hub/db');
      const admin = await openPostgres(opts.databaseUrl!, { schema, max: 1 });
      await admin.close();
      databaseUrl = u.toString();
    }
    // PGlite on disk, as `cuecard hub` runs it by default.
    const dataDir = mkdtempSync(join(tmpdir(), 'cuecard-hub-bench-'));
    const hub = await startHub({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      databaseUrl,
      config: { ...DEFAULT_CONFIG, limits: { ...DEFAULT_CONFIG.limits, events: { burst: 1e9, perMinute: 1e9 } } },
    });
    try {
      await createApiKey(hub.db, 'bench', Date.now());
      const ingest = await ingestion(hub.url, hub.db, scale.agents, scale.events, 8);
      progress(`hub bench: ${backend}: ingested ${ingest.events} events; seeding history`);
      await hub.db.query('TRUNCATE ev_run, run_day, step_day, skip_day, agent_day');
      const rows = await seedHistory(hub.db, scale.historyAgents, scale.perDay);
      progress(`hub bench: ${backend}: ${rows} summaries; querying`);
      const q = await queries(hub.db, scale.reps);
      const mem = process.memoryUsage();
      results.push({ backend, ...ingest, historyRows: rows, queryP95ms: q, rssMB: mb(mem.rss), heapMB: mb(mem.heapUsed) });
    } finally {
      if (schema) await hub.db.query(`DROP SCHEMA ${schema} CASCADE`).catch(() => undefined);
      await hub.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return { scale, results };
}
