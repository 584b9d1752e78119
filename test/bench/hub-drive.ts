/**
 * Drives hub processes for hub-bench.ts: starts one (test/bench/hub-server.mjs) and reads its
 * memory, sends run summaries as simulated agents' extensions do, and times dashboard pages.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Db } from '../../lib/hub/db';
import { agentOf, arrivalPlan, p95, STEPS, type Batch } from './hub-load';
import { CENTRES } from './hub-seed';
import { median, round, seeded } from './stats';

export interface HubProcess {
  url: string;
  mem(): Promise<{ rss: number; maxRss: number }>;
  close(): Promise<void>;
}

export async function startHubProcess(env: { HUB_DATA?: string; DATABASE_URL?: string }): Promise<HubProcess> {
  const child: ChildProcess = fork(join(import.meta.dirname, 'hub-server.mjs'), [], {
    env: { ...process.env, ...env, DATABASE_URL: env.DATABASE_URL ?? '' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>(key: string) =>
    new Promise<T>((resolve, reject) => {
      const on = (m: Record<string, unknown>) => {
        if (!(key in m)) return;
        child.off('message', on);
        child.off('exit', exit);
        resolve(m as T);
      };
      const exit = (code: number) => reject(new Error(`hub process exited (${code}) before answering "${key}"`));
      child.on('message', on);
      child.once('exit', exit);
    });
  const { url } = await next<{ url: string }>('url');
  return {
    url,
    mem: () => {
      const got = next<{ rss: number; maxRss: number }>('rss');
      child.send('mem');
      return got;
    },
    close: async () => {
      const done = next('closed');
      child.send('close');
      await done;
    },
  };
}

export interface Load {
  plan: Batch[];
  bodies: string[];
  /** Per first-send batch: its agent and its events, for the raw INSERT baseline. */
  unique: number;
}

/** Run summaries of `agents` for `events` contacts finished in the last 8 hours, in batches. */
export function makeLoad(events: number, agents: number, teams: number, procedures: number, tag: string, seed: number, now: number): Load {
  const plan = arrivalPlan(events, agents, 0.02, seed);
  const rand = seeded(seed + 1);
  const byFirst = new Map<number, string>();
  const bodies = plan.map((b) => {
    const known = byFirst.get(b.events[0]!);
    if (b.resend && known) return known;
    const who = agentOf(b.agent, teams);
    const body = JSON.stringify({
      events: b.events.map((i) => {
        const end = rand() < 0.85 ? 4 : 1 + Math.floor(rand() * 3);
        return {
          id: `ev_${tag}_${i}`,
          type: 'run',
          at: now - Math.floor(rand() * 8 * 3600_000),
          packId: 'bench.pack',
          version: 1,
          procedureId: `proc-${Math.floor(rand() * procedures)}`,
          channel: who.channel,
          path: STEPS.slice(0, end + 1).map((stepId, s) => ({ stepId, ms: Math.floor((2 ** ((CENTRES[s]! + (rand() - 0.5) * 10) / 8) - 1) * 1000) })),
          skipped: rand() < 0.1 ? [{ itemId: 'id-check', stepId: 's1', reason: 'caller known from a previous call' }] : [],
          outcome: end === 4 ? 'finished' : 'abandoned',
        };
      }),
    });
    byFirst.set(b.events[0]!, body);
    return body;
  });
  return { plan, bodies, unique: events };
}

/** Sends the load with `concurrency` batches in flight, round robin over `urls` (a load balancer). */
export async function sendLoad(load: Load, urls: string[], secret: string, concurrency: number) {
  let next = 0;
  let accepted = 0;
  let duplicates = 0;
  let retries = 0;
  const latencies: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < load.plan.length) {
        const i = next++;
        const t = performance.now();
        let res: Response | undefined;
        // A lost connection is retried as the extension retries (the database check in
        // hub-bench.ts, not these answers, proves nothing was stored twice).
        for (let attempt = 0; !res; attempt++) {
          try {
            res = await fetch(`${urls[i % urls.length]}/api/events`, {
              method: 'POST',
              body: load.bodies[i],
              headers: { Authorization: `Bearer ca_bench${load.plan[i]!.agent}_${secret}`, 'Content-Type': 'application/json' },
            });
          } catch (e) {
            if (attempt >= 3) throw new Error(`batch ${i}: ${(e as Error).message} ${String((e as Error).cause ?? '')}`);
            retries++;
            await new Promise((r) => setTimeout(r, 1000));
          }
        }
        const text = await res.text();
        if (res.status !== 200) throw new Error(`batch ${i} refused: ${res.status} ${text.slice(0, 300)}`);
        const r = JSON.parse(text) as { accepted: string[]; duplicates: string[] };
        accepted += r.accepted.length;
        duplicates += r.duplicates.length;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  if (accepted > load.unique || (!retries && accepted !== load.unique))
    throw new Error(`the hub accepted ${accepted} events of ${load.unique} sent (exactly once expected)`);
  return {
    retries,
    eventsPerSec: round(load.unique / secs, 0),
    batchesPerSec: round(load.plan.length / secs, 0),
    batchP95Ms: round(p95(latencies), 1),
    duplicates,
  };
}

interface SentRun {
  id: string;
  at: number;
  packId: string;
  version: number;
  procedureId: string;
  channel: string;
  outcome: string;
  path: { stepId: string; ms: number }[];
  skipped: unknown[];
}

/** The baseline: the same first-send batches, one plain multi-row INSERT each, into a copy of ev_run. */
export async function rawInsert(db: Db, load: Load, teams: number, concurrency: number) {
  await db.query('CREATE TABLE bench_raw (LIKE ev_run INCLUDING ALL)');
  const firsts = load.plan.map((b, i) => ({ b, body: load.bodies[i]! })).filter((x) => !x.b.resend);
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < firsts.length) {
        const { b, body } = firsts[next++]!;
        const who = agentOf(b.agent, teams);
        const params: unknown[] = [];
        const rows = (JSON.parse(body) as { events: SentRun[] }).events.map((e) => {
          const at = params.push(who.id, e.id, who.team, e.at, e.packId, e.version, e.procedureId, e.channel, e.outcome, e.path.at(-1)!.stepId, 0);
          params.push(JSON.stringify(e.path), JSON.stringify(e.skipped));
          return `(${Array.from({ length: 13 }, (_, k) => `$${at - 10 + k}`).join(',')})`;
        });
        await db.query(
          `INSERT INTO bench_raw (agent_id, event_id, team, at, pack_id, version, procedure_id, channel, outcome, end_step, back_steps, path, skipped) VALUES ${rows.join(',')}`,
          params,
        );
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  await db.query('DROP TABLE bench_raw');
  return round(load.unique / secs, 0);
}

/** Times each page `reps` times after two warm-up requests; checks every answer is the page with figures. */
export async function timePages(url: string, session: string, pages: [string, string, string][], reps: number) {
  const out: Record<string, { p95: number; median: number }> = {};
  for (const [name, path, mustContain] of pages) {
    const times: number[] = [];
    for (let i = 0; i < reps + 2; i++) {
      const t = performance.now();
      const res = await fetch(url + path, { headers: { Cookie: `cuecard_session=${session}` }, redirect: 'manual' });
      const text = await res.text();
      if (res.status !== 200 || !text.includes(mustContain)) throw new Error(`${path}: ${res.status}, no "${mustContain}" in ${text.slice(0, 200)}`);
      if (i >= 2) times.push(performance.now() - t);
    }
    out[name] = { p95: round(p95(times), 1), median: round(median(times), 1) };
  }
  return out;
}
