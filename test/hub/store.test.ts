/**
 * The store on each backend: migrations (idempotent, concurrent), publish verification,
 * stages and scheduling, enrolment and idempotent ingestion.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { agentByCredential, createEnrolToken, enrolAgent, revoke } from '../../lib/hub/accounts';
import type { Db } from '../../lib/hub/db';
import { ingest } from '../../lib/hub/ingest';
import { adherence, procedures } from '../../lib/hub/report-adherence';
import { loadMigrations, migrate } from '../../lib/hub/migrate';
import { applyDue, pause, promote, publish, releaseFor } from '../../lib/hub/releases';
import { seeded } from '../bench/stats';
import { BACKENDS, Clock, PG_SKIP_NOTE, PG_URL, runEvent, signedTeamPack, signingKey } from './kit';

if (!PG_URL) console.warn(PG_SKIP_NOTE);

describe.each(BACKENDS)('hub store on $name', { timeout: 60_000 }, (backend) => {
  let drop: (() => Promise<void>) | undefined;
  const open = async (): Promise<Db> => {
    const o = await backend.open();
    drop = o.drop;
    return o.db;
  };
  afterEach(async () => {
    await drop?.();
    drop = undefined;
  });

  it('applies the migrations once, also when two start-ups race', async () => {
    const db = await open();
    const [a, b] = await Promise.all([migrate(db), migrate(db)]);
    const all = loadMigrations();
    expect(all.map((m) => m.name).slice(0, 4)).toEqual(['001_init.sql', '002_rollups.sql', '003_scale.sql', '004_studio.sql']);
    expect([...a, ...b].sort()).toEqual(all.map((m) => m.name));
    expect(await migrate(db)).toEqual([]);
    expect(await db.query('SELECT id FROM hub_migrations ORDER BY id')).toEqual(all.map((m) => ({ id: m.id })));
  });

  it('refuses what the extension refuses, with its codes, and stores a valid release as a draft', async () => {
    const db = await open();
    await migrate(db);
    const clock = new Clock();
    const key = await signingKey();
    const other = await signingKey();
    const keys = [{ publicKey: key.publicKey }];
    const v1 = await signedTeamPack(key.privateKey, 1, 1);
    const ok = await publish(db, v1, { keys, now: clock.now() });
    expect(ok.ok && ok.release.stage).toBe('draft');
    const refusal = async (text: string, now = clock.now()) => {
      const r = await publish(db, text, { keys, now });
      return r.ok ? 'accepted' : r.code;
    };
    expect(await refusal(v1)).toBe('duplicate');
    expect(await refusal(await signedTeamPack(other.privateKey, 2, 2))).toBe('unknown-key');
    expect(await refusal(await signedTeamPack(key.privateKey, 2, 1))).toBe('rollback');
    const tampered = JSON.parse(await signedTeamPack(key.privateKey, 2, 5));
    tampered.payload = Buffer.from(Buffer.from(tampered.payload, 'base64').toString().replace('Survey', 'Sxrvey')).toString('base64');
    expect(await refusal(JSON.stringify(tampered))).toBe('bad-signature');
    expect(await refusal(await signedTeamPack(key.privateKey, 2, 3, { expiresAt: clock.now() + 1000 }), clock.now() + 2000)).toBe('expired');
    expect(await refusal('{"format":1}')).toBe('unsigned');
    expect(await refusal('not json')).toBe('malformed');
    expect(await refusal(await signedTeamPack(key.privateKey, 2, 4))).toBe('accepted');
  });

  it('serves pilot agents the pilot release, everyone else the everyone release; pause falls back; schedules apply when due', async () => {
    const db = await open();
    await migrate(db);
    const clock = new Clock();
    const key = await signingKey();
    const keys = [{ publicKey: key.publicKey }];
    const r1 = await publish(db, await signedTeamPack(key.privateKey, 1, 1), { keys, now: clock.now() });
    const r2 = await publish(db, await signedTeamPack(key.privateKey, 2, 2), { keys, now: clock.now() });
    if (!r1.ok || !r2.ok) throw new Error('publish failed');
    const pilot = { agent_id: 'a1', team: 'team-a' };
    const outsider = { agent_id: 'b1', team: 'team-b' };
    expect(await releaseFor(db, 'acme.team-b', pilot)).toBeUndefined();
    await promote(db, r1.release.id, { stage: 'everyone' }, clock.now());
    await promote(db, r2.release.id, { stage: 'pilot', agents: ['a1'] }, clock.now());
    expect((await releaseFor(db, 'acme.team-b', pilot))?.id).toBe(r2.release.id);
    expect((await releaseFor(db, 'acme.team-b', outsider))?.id).toBe(r1.release.id);
    expect((await releaseFor(db, 'acme.team-b'))?.id).toBe(r1.release.id);
    await pause(db, r2.release.id, clock.now());
    expect((await releaseFor(db, 'acme.team-b', pilot))?.id).toBe(r1.release.id);
    await promote(db, r2.release.id, { stage: 'everyone', at: clock.now() + 3600_000 }, clock.now());
    expect(await applyDue(db, clock.now())).toBe(0);
    expect((await releaseFor(db, 'acme.team-b', outsider))?.id).toBe(r1.release.id);
    clock.advance(3600_000);
    expect(await applyDue(db, clock.now())).toBe(1);
    expect((await releaseFor(db, 'acme.team-b', outsider))?.id).toBe(r2.release.id);
  });

  it('enrols with a team token, refuses a revoked one, and stores each event once however often it is sent', async () => {
    const db = await open();
    await migrate(db);
    const clock = new Clock();
    const tok = await createEnrolToken(db, 'team-a', clock.now());
    const enrolled = await enrolAgent(db, tok.token, 'a1', clock.now());
    expect(enrolled?.team).toBe('team-a');
    const agent = (await agentByCredential(db, enrolled!.credential))!;
    expect(agent).toEqual({ agent_id: 'a1', team: 'team-a' });
    const events = [runEvent(), runEvent({ skipped: [{ itemId: 'greeted', stepId: 'open', reason: 'customer 13812345678 in a hurry' }] })];
    const first = await ingest(db, agent, events, clock.now());
    expect(first).toEqual({ accepted: events.map((e) => e.id), duplicates: [], rejected: [] });
    const again = await Promise.all([ingest(db, agent, events, clock.now()), ingest(db, agent, events, clock.now())]);
    for (const r of again) expect(r.accepted).toEqual([]);
    const rows = await db.query<{ skipped: { reason: string }[] }>('SELECT skipped FROM ev_run ORDER BY event_id');
    expect(rows).toHaveLength(2);
    expect(rows.flatMap((r) => r.skipped.map((s) => s.reason))).toEqual(['customer 138****5678 in a hurry']);
    expect(await db.query('SELECT sum(runs)::int AS n FROM run_day')).toEqual([{ n: 2 }]);
    expect(await revoke(db, 'token', tok.id, clock.now())).toBe(true);
    expect(await enrolAgent(db, tok.token, 'a2', clock.now())).toBeUndefined();
  });

  it('keeps the daily roll-ups equal to a recomputation from the stored events (as migration 002 builds them)', async () => {
    const db = await open();
    await migrate(db);
    const tok = await createEnrolToken(db, 'team-a', 0);
    const rand = seeded(3);
    for (const id of ['a1', 'a2', 'a3']) {
      const agent = (await agentByCredential(db, (await enrolAgent(db, tok.token, id, 0))!.credential))!;
      const events = Array.from({ length: 30 }, () =>
        runEvent({
          at: Date.parse('2026-11-20T00:00:00Z') + Math.floor(rand() * 5 * 86_400_000),
          channel: rand() < 0.5 ? 'phone' : 'online',
          path: ['open', 'close', 'open', 'close'].slice(0, 2 + Math.floor(rand() * 3)).map((stepId) => ({ stepId, ms: Math.floor(rand() * 200_000) })),
        }),
      );
      await ingest(db, agent, events, Date.now());
      await ingest(db, agent, events.slice(0, 10), Date.now());
    }
    const recomputed = await db.query(
      `SELECT step_id, bucket, count(*)::int AS visits, (count(*) FILTER (WHERE n > 1))::int AS back FROM (
         SELECT e.value->>'stepId' AS step_id, floor(8 * log(2, 1 + (e.value->>'ms')::numeric / 1000))::int AS bucket,
                row_number() OVER (PARTITION BY r.agent_id, r.event_id, e.value->>'stepId' ORDER BY e.ordinality) AS n
         FROM ev_run r, jsonb_array_elements(r.path) WITH ORDINALITY e) s GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    const rolled = await db.query(
      'SELECT step_id, bucket::int AS bucket, sum(visits)::int AS visits, sum(back)::int AS back FROM step_day GROUP BY 1, 2 ORDER BY 1, 2',
    );
    expect(rolled).toEqual(recomputed);
    const allTeams = await db.query(
      'SELECT step_id, bucket::int AS bucket, sum(visits)::int AS visits, sum(back)::int AS back FROM step_all GROUP BY 1, 2 ORDER BY 1, 2',
    );
    expect(allTeams).toEqual(recomputed);
    expect(await db.query('SELECT sum(runs)::int AS n FROM run_day')).toEqual([{ n: 90 }]);
    expect(await db.query('SELECT sum(runs)::int AS n FROM run_all')).toEqual([{ n: 90 }]);
    expect(await db.query('SELECT count(DISTINCT agent_id)::int AS n FROM agent_day')).toEqual([{ n: 3 }]);
  });

  it('counts the agents of a team, channel and date window as the stored events do, spans covering the window included', async () => {
    const db = await open();
    await migrate(db);
    // Filters are whole days (midnight UTC, as the dashboard's date fields give); reports at noon.
    const day = (d: number) => Date.parse('2026-11-20T00:00:00Z') + d * 86_400_000;
    const teams = { a: await createEnrolToken(db, 'team-a', 0), b: await createEnrolToken(db, 'team-b', 0) };
    // Agents 0-5 report on days 0 and 6 only (spans that cover days 2-4 without a report in
    // them), 6-11 on day 3, 12-17 on every day, 18-20 on days -100, -80 and 3 (a span
    // reaching past the 63 days its row holds bits for); teams and channels alternate. Odd agents send
    // a batch per day, newest first (their bits merge from both sides), even ones one batch.
    for (let i = 0; i < 21; i++) {
      const tok = i % 2 ? teams.b : teams.a;
      const agent = (await agentByCredential(db, (await enrolAgent(db, tok.token, `ag${i}`, 0))!.credential))!;
      const days = i < 6 ? [0, 6] : i < 12 ? [3] : i < 18 ? [0, 1, 2, 3, 4, 5, 6] : [-100, -80, 3];
      const events = days.map((d) => runEvent({ at: day(d) + 43_200_000, channel: i % 3 ? 'phone' : 'online' }));
      if (i % 2) for (const e of events.reverse()) await ingest(db, agent, [e], Date.now());
      else await ingest(db, agent, events, Date.now());
    }
    const key = { pack_id: 'acme.team-b', procedure_id: 'callback', version: 1 };
    const filters = [
      {},
      { team: 'team-a' },
      { channel: 'online' },
      { from: day(2), to: day(5) },
      { from: day(2), to: day(5), team: 'team-b', channel: 'phone' },
      { from: day(6) },
      { to: day(1) },
      { from: day(1), to: day(2) },
      { from: day(-81), to: day(-79) },
      { from: day(-85), to: day(-75) },
      { from: day(-5), to: day(3), team: 'team-a' },
      { from: day(-90), to: day(-10), channel: 'online' },
    ];
    for (const f of filters) {
      const [want] = await db.query<{ agents: number; runs: number }>(
        `SELECT count(DISTINCT agent_id)::int AS agents, count(*)::int AS runs FROM ev_run WHERE ($1::text IS NULL OR team = $1) AND ($2::text IS NULL OR channel = $2)
         AND at >= $3::bigint AND at < $4::bigint`,
        [f.team ?? null, f.channel ?? null, f.from ?? 0, f.to ?? 1e15],
      );
      const got = await adherence(db, key, f, 1);
      expect({ f, agents: got?.agents, runs: got?.runs }).toEqual({ f, agents: want!.agents, runs: want!.runs });
      const [listed] = await procedures(db, f, 1);
      expect({ f, agents: listed?.agents, runs: listed?.runs }).toEqual({ f, agents: want!.agents, runs: want!.runs });
    }
  });
});
