/**
 * Real hub processes (bin/cuecard.mjs hub) on real sockets: two processes on one PostgreSQL
 * receiving every batch twice (at-least-once delivery through a load balancer) store each
 * event exactly once; a PGlite hub stopped and started again keeps what it stored.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite, openPostgres } from '../../lib/hub/db';
import { PG_SKIP_NOTE, PG_URL, runEvent } from './kit';

const BIN = resolve(__dirname, '../../bin/cuecard.mjs');
const dir = mkdtempSync(join(tmpdir(), 'cuecard-hub-proc-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(BIN, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`cuecard ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** Starts `cuecard hub --port 0` and resolves with its URL once it listens. */
function startHub(args: string[], env: Record<string, string> = {}): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(BIN, ['hub', '--port', '0', ...args], { cwd: dir, env: { ...process.env, ...env } });
  children.push(child);
  return new Promise((resolveUrl, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolveUrl({ url: m[1]!, child });
    });
    child.stderr!.on('data', (d) => (err += d));
    child.once('exit', (code) => reject(new Error(`hub exited with ${code}: ${err}`)));
  });
}

const stop = (child: ChildProcess) =>
  new Promise<void>((done) => (child.exitCode !== null ? done() : (child.once('exit', () => done()), child.kill('SIGTERM'))));

async function enrol(url: string, token: string, agentId: string): Promise<string> {
  const res = await fetch(`${url}/api/enrol`, { method: 'POST', body: JSON.stringify({ token, agentId }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { credential: string }).credential;
}

const post = (url: string, credential: string, events: unknown[]) =>
  fetch(`${url}/api/events`, { method: 'POST', body: JSON.stringify({ events }), headers: { Authorization: `Bearer ${credential}` } }).then(async (r) => ({
    status: r.status,
    body: (await r.json()) as { accepted: string[]; duplicates: string[] },
  }));

const tokenOf = (out: string) => out.trim().split('\n').pop()!;

describe.skipIf(!PG_URL)('two hub processes on one PostgreSQL', { timeout: 180_000 }, () => {
  it('store every event exactly once when each batch reaches both', async () => {
    const schema = `hub_proc_${Date.now().toString(36)}`;
    const admin = await openPostgres(PG_URL!, { schema, max: 1 });
    const url = new URL(PG_URL!);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const env = { DATABASE_URL: url.toString() };
    try {
      // Both start (and migrate) at once: the advisory lock makes one wait for the other.
      const [a, b] = await Promise.all([startHub([], env), startHub([], env)]);
      const token = tokenOf(cli(['hub', 'token', 'create', '--team', 'team-a'], env));
      const credential = await enrol(a.url, token, 'agent-1');
      const events = Array.from({ length: 300 }, () => runEvent());
      const batches = Array.from({ length: 6 }, (_, i) => events.slice(i * 50, i * 50 + 50));
      const answers = await Promise.all(batches.flatMap((batch) => [post(a.url, credential, batch), post(b.url, credential, batch)]));
      for (const ans of answers) expect(ans.status).toBe(200);
      const accepted = answers.flatMap((x) => x.body.accepted);
      expect(accepted.sort()).toEqual(events.map((e) => e.id).sort());
      expect(answers.flatMap((x) => x.body.duplicates)).toHaveLength(300);
      expect(await admin.query('SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS d FROM ev_run')).toEqual([{ n: 300, d: 300 }]);
      await Promise.all([stop(a.child), stop(b.child)]);
    } finally {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    }
  });
});
if (!PG_URL) console.warn(PG_SKIP_NOTE);

describe('a PGlite hub restarted', { timeout: 180_000 }, () => {
  it('keeps what it stored and still recognises a resend as a duplicate', async () => {
    const data = join(dir, 'data');
    const token = tokenOf(cli(['hub', 'token', 'create', '--team', 'team-a', '--data', data]));
    const first = await startHub(['--data', data]);
    const credential = await enrol(first.url, token, 'agent-1');
    const events = Array.from({ length: 40 }, () => runEvent());
    expect((await post(first.url, credential, events)).body.accepted).toHaveLength(40);
    await stop(first.child);
    const second = await startHub(['--data', data]);
    const again = await post(second.url, credential, events);
    expect(again.body).toMatchObject({ accepted: [], duplicates: events.map((e) => e.id) });
    await stop(second.child);
    const db = await openPglite(data);
    expect(await db.query('SELECT count(*)::int AS n FROM ev_run')).toEqual([{ n: 40 }]);
    await db.close();
  });
});
