/**
 * Hub figures for `npm run bench`, on PGlite and on PostgreSQL, each beside a baseline of the
 * same run (method: docs/hub.md, "Running at scale"):
 *  - sustained ingestion: 10,000 agents' run summaries POSTed in realistic batches (mostly one
 *    contact, sometimes a backlog; 2 % resent whole) with 32 in flight, onto a hub already
 *    holding 30 days; beside a plain multi-row INSERT of the same first-send batches into a
 *    copy of ev_run (no HTTP, validation, idempotency or roll-ups). PostgreSQL also with two
 *    hub processes on one database, batches alternating between them;
 *  - dashboard page p95 (Releases, Adherence with typical filters) at 10,000 agents × 30
 *    days × 60 contacts (18 M summaries, seeded as test/bench/hub-seed.ts says), beside
 *    /healthz (one `SELECT 1` through the same HTTP stack);
 *  - the hub process's memory (RSS; for PGlite it includes the embedded database).
 * `--quick`: 1,000 agents (1.8 M summaries) and fewer requests.
 * Alone: node test/bench/hub-bench.mjs [--quick] (PostgreSQL when DATABASE_URL is set).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPglite, openPostgres, type Db } from '../../lib/hub/db';
import { migrate } from '../../lib/hub/migrate';
import { makeLoad, rawInsert, sendLoad, startHubProcess, timePages, type HubProcess } from './hub-drive';
import { FULL, neededRate, QUICK, type HubScale } from './hub-load';
import { seedHub } from './hub-seed';
import { mb, progress, round } from './stats';

export interface HubBenchOptions {
  quick: boolean;
  databaseUrl?: string;
  /** Only these backends (default: PGlite, and PostgreSQL when databaseUrl is given). */
  only?: 'pglite' | 'postgres';
}

const CONCURRENCY = 32;
const day = (t: number) => new Date(t).toISOString().slice(0, 10);

/** A database of the bench's own on the server (dropped after), or a schema when it may not create one. */
async function postgresTarget(url: string) {
  const name = `cuecard_hubbench_${Date.now().toString(36)}`;
  const admin = await openPostgres(url, { max: 1 });
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    return { url: u.toString(), what: `database ${name}`, drop: () => admin.query(`DROP DATABASE ${name} WITH (FORCE)`).then(() => admin.close()) };
  } catch {
    const u = new URL(url);
    u.searchParams.set('options', `-c search_path=${name}`);
    await admin.query(`CREATE SCHEMA ${name}`);
    return { url: u.toString(), what: `schema ${name}`, drop: () => admin.query(`DROP SCHEMA ${name} CASCADE`).then(() => admin.close()) };
  }
}

async function benchBackend(backend: 'pglite' | 'postgres', s: HubScale, databaseUrl?: string) {
  const now = Date.now();
  const secret = randomBytes(12).toString('base64url');
  const dataDir = mkdtempSync(join(tmpdir(), 'cuecard-hub-bench-'));
  const target = backend === 'postgres' ? await postgresTarget(databaseUrl!) : undefined;
  const open = (): Promise<Db> => (target ? openPostgres(target.url, { max: 10 }) : openPglite(dataDir));
  const env = target ? { DATABASE_URL: target.url } : { HUB_DATA: dataDir };
  let hub: HubProcess | undefined;
  let db: Db | undefined;
  try {
    db = await open();
    await migrate(db);
    let t = performance.now();
    const seeded = await seedHub(db, s, now, secret);
    progress(`hub ${backend}: seeded ${seeded.summaries} summaries' roll-ups in ${round((performance.now() - t) / 1000, 0)} s`);
    const before = (await db.query<{ n: number }>('SELECT (SELECT count(*) FROM ev_run) + (SELECT sum(runs) FROM run_all) AS n'))[0]!.n;
    if (!target) await db.close();
    hub = await startHubProcess(env);
    let peak = 0;
    const sample = setInterval(() => void hub?.mem().then((m) => (peak = Math.max(peak, m.rss))), 1000);
    const load = makeLoad(s.ingestEvents, s.agents, s.teams, s.procedures, 'one', 21, now);
    const ingest = await sendLoad(load, [hub.url], secret, CONCURRENCY);
    progress(`hub ${backend}: ${ingest.eventsPerSec} events/s through one hub process`);
    let two: Awaited<ReturnType<typeof sendLoad>> | undefined;
    if (target) {
      const second = await startHubProcess(env);
      try {
        two = await sendLoad(makeLoad(s.ingestEvents, s.agents, s.teams, s.procedures, 'two', 31, now), [hub.url, second.url], secret, CONCURRENCY);
      } finally {
        await second.close();
      }
      progress(`hub ${backend}: ${two.eventsPerSec} events/s through two hub processes`);
    }
    const p = `?p=bench.pack/proc-1/1`;
    const pages = await timePages(
      hub.url,
      seeded.session,
      [
        ['healthz', '/healthz', 'ok'],
        ['releases', '/releases', 'class="missing"'],
        ['adherence', '/adherence', 'data-chart'],
        ['adherenceTeam', `/adherence${p}&team=team-7`, 'data-chart'],
        ['adherence7d', `/adherence${p}&from=${day(now - 6 * 86_400_000)}&to=${day(now)}`, 'data-chart'],
        ['adherenceChannel7d', `/adherence${p}&channel=online&from=${day(now - 6 * 86_400_000)}&to=${day(now)}`, 'data-chart'],
        ['adherenceTeamMid', `/adherence${p}&team=team-3&from=${day(now - 20 * 86_400_000)}&to=${day(now - 14 * 86_400_000)}`, 'data-chart'],
        ['adherenceMid', `/adherence${p}&from=${day(now - 20 * 86_400_000)}&to=${day(now - 14 * 86_400_000)}`, 'data-chart'],
      ],
      s.reps,
    );
    clearInterval(sample);
    const mem = await hub.mem();
    await hub.close();
    hub = undefined;
    if (!target) db = await open();
    const after = (await db.query<{ n: number }>('SELECT (SELECT count(*) FROM ev_run) + (SELECT sum(runs) FROM run_all) AS n'))[0]!.n;
    const stored = (after - before) / 2;
    const sent = s.ingestEvents * (two ? 2 : 1);
    if (stored !== sent) throw new Error(`${backend}: ${sent} distinct events sent, ${stored} stored and rolled up (exactly once expected)`);
    t = performance.now();
    const raw = await rawInsert(db, load, s.teams, 8);
    progress(`hub ${backend}: raw INSERT ${raw} events/s (${round((performance.now() - t) / 1000, 0)} s)`);
    const { session: _, ...seed } = seeded;
    return {
      backend,
      target: target?.what ?? 'PGlite on disk',
      ingestEventsPerSec: ingest.eventsPerSec,
      ingestBatchesPerSec: ingest.batchesPerSec,
      ingestBatchP95Ms: ingest.batchP95Ms,
      rawInsertEventsPerSec: raw,
      twoProcessEventsPerSec: two?.eventsPerSec,
      duplicatesAnswered: ingest.duplicates + (two?.duplicates ?? 0),
      retriedBatches: ingest.retries + (two?.retries ?? 0),
      pages,
      rssPeakMB: mb(Math.max(peak, mem.rss)),
      rssAfterMB: mb(mem.rss),
      seed: { ...seed, rawBytesPerRow: round(seed.raw_bytes / seed.raw_rows, 0) },
    };
  } finally {
    await hub?.close().catch(() => undefined);
    await db?.close().catch(() => undefined);
    await target?.drop().catch((e) => progress(`hub bench: could not drop ${target.what}: ${e}`));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export type HubBackendResult = Awaited<ReturnType<typeof benchBackend>>;

export async function benchHub(opts: HubBenchOptions) {
  const scale = opts.quick ? QUICK : FULL;
  const results: HubBackendResult[] = [];
  const errors: string[] = [];
  const backends = (['pglite', ...(opts.databaseUrl ? ['postgres' as const] : [])] as const).filter((b) => !opts.only || b === opts.only);
  for (const backend of backends) {
    progress(`hub bench: ${backend}, ${scale.agents} agents`);
    try {
      results.push(await benchBackend(backend, scale, opts.databaseUrl));
    } catch (e) {
      errors.push(`hub ${backend}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { scale, neededEventsPerSec: round(neededRate(scale.agents, scale.contactsPerDay), 1), results, errors };
}
