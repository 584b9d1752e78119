/**
 * A PostgreSQL outage under a running hub process. The hub reaches the database through a
 * TCP proxy that the test cuts (every open connection dropped, new ones refused) and then
 * restores, as a database restart or a network partition would. The hub must stay up, answer
 * each batch during the outage with a 503 that says nothing was stored (the extension keeps
 * such a batch queued and retries it), and once the database is back store the resent batch
 * exactly once.
 */
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../lib/hub/db';
import { PG_SKIP_NOTE, PG_URL, runEvent } from './kit';
import { enrol, hubProcesses, postEvents, tokenOf } from './proc-kit';

const hubs = hubProcesses('cuecard-hub-outage-');
afterAll(() => hubs.cleanup());

/** A TCP proxy to `target` that can drop every connection and refuse new ones, then come back on the same port. */
function cuttableProxy(target: URL) {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const track = (s: Socket, other: () => Socket) => {
    sockets.add(s);
    s.on('error', () => s.destroy());
    s.on('close', () => (sockets.delete(s), other().destroy()));
  };
  return {
    get port() {
      return port;
    },
    open: () =>
      new Promise<void>((listening) => {
        server = createServer((client) => {
          const upstream = connect(Number(target.port), target.hostname);
          track(client, () => upstream);
          track(upstream, () => client);
          client.pipe(upstream).pipe(client);
        });
        server.listen(port, '127.0.0.1', () => {
          port = (server!.address() as AddressInfo).port;
          listening();
        });
      }),
    cut: () =>
      new Promise<void>((closed) => {
        server!.close(() => closed());
        for (const s of sockets) s.destroy();
      }),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!PG_URL)('the database goes away under a running hub', { timeout: 120_000 }, () => {
  it('keeps the hub up, refuses batches with a 503 storing nothing, and stores the resend once the database is back', async () => {
    const schema = `hub_outage_${Date.now().toString(36)}`;
    const admin = await openPostgres(PG_URL!, { schema, max: 1 });
    const proxy = cuttableProxy(new URL(PG_URL!));
    await proxy.open();
    const viaProxy = new URL(PG_URL!);
    viaProxy.port = String(proxy.port);
    viaProxy.searchParams.set('options', `-c search_path=${schema}`);
    const env = { DATABASE_URL: viaProxy.toString() };
    // The CLI is run synchronously, which would stall the proxy (it lives in this process): it goes direct.
    const direct = new URL(PG_URL!);
    direct.searchParams.set('options', `-c search_path=${schema}`);
    try {
      const hub = await hubs.start([], env);
      const token = tokenOf(hubs.cli(['hub', 'token', 'create', '--team', 'team-a'], { DATABASE_URL: direct.toString() }));
      const credential = await enrol(hub.url, token, 'agent-1');
      const before = Array.from({ length: 20 }, () => runEvent());
      expect((await postEvents(hub.url, credential, before)).body.accepted).toHaveLength(20);

      await proxy.cut();
      await sleep(300); // the pool's idle connections notice they were dropped
      expect(hub.child.exitCode, `the hub exited: ${hub.stderr()}`).toBeNull();
      const during = Array.from({ length: 20 }, () => runEvent());
      const refused = await postEvents(hub.url, credential, during);
      expect(refused.status).toBe(503);
      expect(refused.body.message).toMatch(/nothing was stored/);
      expect((await fetch(`${hub.url}/healthz`)).status).toBe(503);

      await proxy.open();
      const resent = await postEvents(hub.url, credential, during);
      expect(resent.status).toBe(200);
      expect(resent.body.accepted?.sort()).toEqual(during.map((e) => e.id).sort());
      expect((await postEvents(hub.url, credential, during)).body.duplicates).toHaveLength(20);
      expect(await admin.query('SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS d FROM ev_run')).toEqual([{ n: 40, d: 40 }]);
      expect(hub.child.exitCode, `the hub exited: ${hub.stderr()}`).toBeNull();
    } finally {
      await proxy.cut().catch(() => undefined);
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    }
  });
});
if (!PG_URL) console.warn(PG_SKIP_NOTE);
