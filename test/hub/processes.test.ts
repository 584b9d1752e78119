/**
 * Real hub processes on real sockets: two processes on one PostgreSQL receiving every batch
 * twice (at-least-once delivery through a load balancer) store each event exactly once; a
 * PGlite hub stopped and started again keeps what it stored.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite, openPostgres } from '../../lib/hub/db';
import { PG_SKIP_NOTE, PG_URL, runEvent } from './kit';
import { enrol, hubProcesses, postEvents, stopHub, tokenOf } from './proc-kit';

const hubs = hubProcesses('cuecard-hub-proc-');
afterAll(() => hubs.cleanup());

describe.skipIf(!PG_URL)('two hub processes on one PostgreSQL', { timeout: 180_000 }, () => {
  it('store every event exactly once when each batch reaches both', async () => {
    const schema = `hub_proc_${Date.now().toString(36)}`;
    const admin = await openPostgres(PG_URL!, { schema, max: 1 });
    const url = new URL(PG_URL!);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const env = { DATABASE_URL: url.toString() };
    try {
      // Both start (and migrate) at once: the advisory lock makes one wait for the other.
      const [a, b] = await Promise.all([hubs.start([], env), hubs.start([], env)]);
      const token = tokenOf(hubs.cli(['hub', 'token', 'create', '--team', 'team-a'], env));
      const credential = await enrol(a.url, token, 'agent-1');
      const events = Array.from({ length: 300 }, () => runEvent());
      const batches = Array.from({ length: 6 }, (_, i) => events.slice(i * 50, i * 50 + 50));
      const answers = await Promise.all(batches.flatMap((batch) => [postEvents(a.url, credential, batch), postEvents(b.url, credential, batch)]));
      for (const ans of answers) expect(ans.status).toBe(200);
      const accepted = answers.flatMap((x) => x.body.accepted ?? []);
      expect(accepted.sort()).toEqual(events.map((e) => e.id).sort());
      expect(answers.flatMap((x) => x.body.duplicates ?? [])).toHaveLength(300);
      expect(await admin.query('SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS d FROM ev_run')).toEqual([{ n: 300, d: 300 }]);
      await Promise.all([stopHub(a.child), stopHub(b.child)]);
    } finally {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    }
  });
});
if (!PG_URL) console.warn(PG_SKIP_NOTE);

describe('a PGlite hub restarted', { timeout: 180_000 }, () => {
  it('keeps what it stored and still recognises a resend as a duplicate', async () => {
    const data = join(hubs.dir, 'data');
    const token = tokenOf(hubs.cli(['hub', 'token', 'create', '--team', 'team-a', '--data', data]));
    const first = await hubs.start(['--data', data]);
    const credential = await enrol(first.url, token, 'agent-1');
    const events = Array.from({ length: 40 }, () => runEvent());
    expect((await postEvents(first.url, credential, events)).body.accepted).toHaveLength(40);
    await stopHub(first.child);
    const second = await hubs.start(['--data', data]);
    const again = await postEvents(second.url, credential, events);
    expect(again.body).toMatchObject({ accepted: [], duplicates: events.map((e) => e.id) });
    await stopHub(second.child);
    const db = await openPglite(data);
    expect(await db.query('SELECT count(*)::int AS n FROM ev_run')).toEqual([{ n: 40 }]);
    await db.close();
  });
});
