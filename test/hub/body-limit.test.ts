/**
 * A peer that sends a body with no Content-Length (chunked) and never stops. Every hub route
 * that reads a body must answer 413 once the body passes its limit, without first reading
 * the rest into memory: enrolment and sign-in need no credential, so an unbounded read there
 * lets anyone on the network exhaust the hub's memory (each read the whole body before). Real sockets (@hono/node-server), as
 * the hub runs.
 */
import { serve } from '@hono/node-server';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type Db } from '../../lib/hub/db';
import { WIRE_LIMITS } from '../../lib/hub/wire';
import { Clock, hubFor } from './kit';

let db: Db;
let server: ReturnType<typeof serve>;
let base: string;
let credential: string;
let apiAuth: Record<string, string>;

beforeAll(async () => {
  db = await openPglite();
  const hub = await hubFor(db, new Clock());
  server = await new Promise((listening) => {
    const s = serve({ fetch: hub.app.fetch, port: 0, hostname: '127.0.0.1' }, () => listening(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const res = await fetch(`${base}/api/enrol`, { method: 'POST', body: JSON.stringify({ token: hub.enrolToken, agentId: 'a1' }) });
  credential = ((await res.json()) as { credential: string }).credential;
  apiAuth = hub.auth;
});
afterAll(async () => {
  await new Promise((closed) => server.close(closed));
  await db.close();
});

/**
 * POSTs chunks of 64 KB, chunked, until the hub answers or `cap` bytes are out; resolves
 * with the status and how many bytes had been written when the answer came.
 */
function endlessPost(path: string, headers: Record<string, string>, cap: number): Promise<{ status: number; sentWhenAnswered: number }> {
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  return new Promise((done, fail) => {
    let sent = 0;
    let answered = false;
    const req = request(`${base}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: base, ...headers } });
    req.on('response', (res) => {
      answered = true;
      done({ status: res.statusCode!, sentWhenAnswered: sent });
      res.resume();
      req.destroy();
    });
    req.on('error', (e) => (answered ? undefined : fail(e)));
    req.write('{"pad":"');
    const pump = () => {
      while (!answered && sent < cap) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end('"}');
    };
    pump();
  });
}

describe('a body without Content-Length that does not stop', { timeout: 60_000 }, () => {
  const CAP = 64 * 1024 * 1024;
  it('is refused on enrolment (no credential needed) before the hub has read much of it', async () => {
    const { status, sentWhenAnswered } = await endlessPost('/api/enrol', {}, CAP);
    expect(status).toBe(413);
    expect(sentWhenAnswered).toBeLessThan(CAP / 4);
  });

  it('is refused on an event batch past the batch limit, before the end of the body', async () => {
    const { status, sentWhenAnswered } = await endlessPost('/api/events', { Authorization: `Bearer ${credential}` }, CAP);
    expect(status).toBe(413);
    expect(sentWhenAnswered).toBeLessThan(Math.max(CAP / 4, WIRE_LIMITS.batchBytes * 8));
  });

  it('is refused on the sign-in form (no session needed)', async () => {
    const { status, sentWhenAnswered } = await endlessPost('/login', { 'Content-Type': 'application/x-www-form-urlencoded' }, CAP);
    expect(status).toBe(413);
    expect(sentWhenAnswered).toBeLessThan(CAP / 4);
  });

  it('is refused on a release upload past the signed-pack limit', async () => {
    const { status, sentWhenAnswered } = await endlessPost('/api/releases', apiAuth, CAP);
    expect(status).toBe(413);
    expect(sentWhenAnswered).toBeLessThan(CAP / 2);
  });

  it('leaves the hub answering', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
