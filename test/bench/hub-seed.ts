/**
 * What the hub holds after `days` of `agents` × `contactsPerDay` run summaries, written
 * straight into the tables (generate_series inside the database; sending 18 million
 * summaries through HTTP would take hours): the enrolled agents, two releases with every
 * agent's release reports and acknowledgements, the daily roll-ups of all the summaries
 * (exactly as ingestion would have built them: every contact counted once), and the raw
 * summaries of the last day only. The dashboards read the roll-ups and never ev_run, so the
 * raw window changes only the disk size (reported per row, for the full 30 days).
 */
import { addUser, createSession } from '../../lib/hub/accounts';
import { diffPacks } from '../../lib/pack/diff';
import { changedPhrases } from '../../lib/distribution/acks';
import { teamPack } from '../../lib/distribution/fixtures';
import { generateSigningKey, signPack } from '../../lib/pack/sign';
import type { Db } from '../../lib/hub/db';
import { promote, publish } from '../../lib/hub/releases';
import { DAY_MS } from '../../lib/hub/rollup';
import { ENDS, histogram, STEPS, type HubScale } from './hub-load';
import { progress } from './stats';

/** The tables seeded by the million. */
const BULK = ['ev_run', 'run_day', 'step_day', 'skip_day', 'agent_day', 'agent_span', 'run_all', 'step_all', 'skip_all'];

/** Step time centres (histogram buckets): 15 s, 31 s, 63 s, 127 s, 22 s. */
export const CENTRES = [32, 40, 48, 56, 36];

/** What was seeded (bytes from PostgreSQL's own size functions). */
export interface SeedSize {
  summaries: number;
  raw_rows: number;
  team_rollup_rows: number;
  all_rollup_rows: number;
  agent_day_rows: number;
  agent_span_rows: number;
  release_rows: number;
  raw_bytes: number;
  db_bytes: number;
}

export async function seedHub(db: Db, s: HubScale, now: number, secret: string) {
  const day0 = Math.floor(now / DAY_MS) - s.days + 1;
  const perProc = s.contactsPerDay / s.procedures;
  let last = performance.now();
  const q = async (sql: string, params: unknown[] = []) => {
    const rows = await db.query(sql, params);
    if (performance.now() - last > 5000) progress(`hub seed: ${sql.replace(/\s+/g, ' ').slice(0, 60)}… ${Math.round((performance.now() - last) / 1000)} s`);
    last = performance.now();
    return rows;
  };
  // Bulk load without indexes, then build them once, sorted: several times faster than
  // millions of index insertions (what ingestion pays is measured separately, row by row).
  const indexes = await db.query<{ tablename: string; indexname: string; indexdef: string; pkey: boolean }>(
    `SELECT tablename, indexname, indexdef, indexname = tablename || '_pkey' AS pkey FROM pg_indexes
     WHERE schemaname = current_schema() AND tablename = ANY($1) ORDER BY 1, 2`,
    [BULK],
  );
  for (const i of indexes) await q(i.pkey ? `ALTER TABLE ${i.tablename} DROP CONSTRAINT ${i.indexname}` : `DROP INDEX ${i.indexname}`);
  await q(
    `CREATE TABLE bench_agents AS SELECT a, 'agent-' || a AS agent_id, 'team-' || (a % $2) AS team,
       CASE WHEN (a / $2) % 10 < 7 THEN 'phone' ELSE 'online' END AS channel FROM generate_series(0, $1::int - 1) a`,
    [s.agents, s.teams],
  );
  // Credentials the load sends: "ca_bench<a>_<secret>", stored hashed as enrolment does.
  await q(
    `INSERT INTO agents (agent_id, team, credential_hash, feed_id, enrolled_at)
     SELECT agent_id, team, encode(sha256(convert_to('ca_bench' || a || '_' || $1, 'UTF8')), 'hex'), 'feed' || a || $1, $2::bigint FROM bench_agents`,
    [secret, day0 * DAY_MS],
  );
  // Contacts per team, channel, procedure and day, and how they end.
  await q(`CREATE TABLE bench_cells AS SELECT team, channel, (count(*) * $1)::int AS n FROM bench_agents GROUP BY 1, 2`, [perProc]);
  const ends = ENDS.map(([step, outcome, share], i) =>
    i < ENDS.length - 1
      ? `('${step}', '${outcome}', floor(n * ${share} / 20))`
      : `('${step}', '${outcome}', n - ${ENDS.slice(0, -1)
          .map(([, , sh]) => `floor(n * ${sh} / 20)`)
          .join(' - ')})`,
  );
  await q(
    `INSERT INTO run_day SELECT 'bench.pack', 'proc-' || p, 1, $1::int + d, c.team, c.channel, e.step, e.outcome, e.runs
     FROM bench_cells c, generate_series(0, $2::int - 1) p, generate_series(0, $3::int - 1) d,
          LATERAL (VALUES ${ends.join(', ')}) e(step, outcome, runs) WHERE e.runs > 0`,
    [day0, s.procedures, s.days],
  );
  // Step visits: every run passes s0 and s1; a run ending at s_k visited s0..s_k.
  const hist: string[] = [];
  for (const { n } of await db.query<{ n: number }>('SELECT DISTINCT n FROM bench_cells')) {
    const [e1, e2, e3] = ENDS.slice(0, -1).map(([, , sh]) => Math.floor((n * sh) / 20));
    const visits = [n, n, n - e1!, n - e1! - e2!, n - e1! - e2! - e3!];
    STEPS.forEach((step, i) => {
      for (const [b, v] of histogram(visits[i]!, CENTRES[i]!)) hist.push(`(${n}, '${step}', ${b}, ${v}, ${Math.floor(v / 25)})`);
    });
  }
  await q(
    `INSERT INTO step_day SELECT 'bench.pack', 'proc-' || p, 1, $1::int + d, c.team, c.channel, h.step, h.bucket + p, h.visits, h.back
     FROM bench_cells c JOIN (VALUES ${hist.join(', ')}) h(n, step, bucket, visits, back) USING (n), generate_series(0, $2::int - 1) p, generate_series(0, $3::int - 1) d`,
    [day0, s.procedures, s.days],
  );
  await q(
    `INSERT INTO skip_day SELECT 'bench.pack', 'proc-' || p, 1, $1::int + d, c.team, c.channel, 'id-check', 's1', r.reason, greatest(1, c.n / r.per)
     FROM bench_cells c, generate_series(0, $2::int - 1) p, generate_series(0, $3::int - 1) d,
          (VALUES ('caller known from a previous call', 40), ('system down', 60), ('customer refused', 80), ('callback', 100), ('other', 200)) r(reason, per)`,
    [day0, s.procedures, s.days],
  );
  await q(
    `INSERT INTO agent_day SELECT 'bench.pack', 'proc-' || p, 1, $1::int + d, team, channel, agent_id
     FROM bench_agents, generate_series(0, $2::int - 1) p, generate_series(0, $3::int - 1) d`,
    [day0, s.procedures, s.days],
  );
  await q(
    `INSERT INTO agent_span SELECT 'bench.pack', 'proc-' || p, 1, team, channel, agent_id, $1::int, $1::int + $3::int - 1,
       CASE WHEN $3::int >= 63 THEN 9223372036854775807 ELSE (1::bigint << $3::int) - 1 END
     FROM bench_agents, generate_series(0, $2::int - 1) p`,
    [day0, s.procedures, s.days],
  );
  // The all-teams roll-ups, summed as migration 003 derives them.
  await q(`INSERT INTO run_all SELECT pack_id, procedure_id, version, day, channel, end_step, outcome, sum(runs) FROM run_day GROUP BY 1, 2, 3, 4, 5, 6, 7`);
  await q(
    `INSERT INTO step_all SELECT pack_id, procedure_id, version, day, channel, step_id, bucket, sum(visits), sum(back) FROM step_day GROUP BY 1, 2, 3, 4, 5, 6, 7`,
  );
  await q(
    `INSERT INTO skip_all SELECT pack_id, procedure_id, version, day, channel, item_id, step_id, reason, sum(count) FROM skip_day GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`,
  );
  // The last day's raw summaries (counted in the roll-ups above already).
  await q(
    `INSERT INTO ev_run (agent_id, event_id, team, at, pack_id, version, procedure_id, channel, outcome, end_step, back_steps, path, skipped)
     SELECT agent_id, 'seed-' || a || '-' || c, team, $1::bigint + c * 480000, 'bench.pack', 1, 'proc-' || (c % $2), channel,
            CASE WHEN c % 20 < 17 THEN 'finished' ELSE 'abandoned' END, CASE WHEN c % 20 < 17 THEN 's4' ELSE 's2' END, 0,
            jsonb_build_array(jsonb_build_object('stepId', 's0', 'ms', 15000 + c * 97), jsonb_build_object('stepId', 's1', 'ms', 31000 + a % 977),
              jsonb_build_object('stepId', 's2', 'ms', 63000 + c * 31), jsonb_build_object('stepId', 's3', 'ms', 127000 + a % 13331),
              jsonb_build_object('stepId', 's4', 'ms', 22000)),
            CASE WHEN c % 10 = 0 THEN '[{"itemId":"id-check","stepId":"s1","reason":"caller known from a previous call"}]'::jsonb ELSE '[]'::jsonb END
     FROM bench_agents, generate_series(0, $3::int - 1) c`,
    [(day0 + s.days - 1) * DAY_MS, s.procedures, s.contactsPerDay],
  );
  // Sorting in memory, not in temporary files (PGlite's default leaves a 1.5 M-row build minutes long).
  await db.tx(async (t) => {
    await t.query(`SET LOCAL maintenance_work_mem = '512MB'`);
    for (const i of indexes) {
      await t.query(i.indexdef);
      if (i.pkey) await t.query(`ALTER TABLE ${i.tablename} ADD CONSTRAINT ${i.indexname} PRIMARY KEY USING INDEX ${i.indexname}`);
    }
  });
  const releases = await seedReleases(db, day0, now);
  await q('DROP TABLE bench_agents');
  await q('DROP TABLE bench_cells');
  for (const t of ['agents', 'ev_run', 'ev_release', 'ev_ack', 'run_day', 'run_all', 'step_day', 'step_all', 'skip_day', 'skip_all', 'agent_day', 'agent_span'])
    await q(`ANALYZE ${t}`);
  await addUser(db, 'lead@bench.example', 'bench-password-1', now);
  const session = await createSession(db, 'lead@bench.example', now);
  const [size] = await db.query<SeedSize>(
    `SELECT (SELECT sum(runs) FROM run_all)::bigint AS summaries, (SELECT count(*) FROM ev_run)::int AS raw_rows,
       (SELECT count(*) FROM run_day)::int + (SELECT count(*) FROM step_day)::int + (SELECT count(*) FROM skip_day)::int AS team_rollup_rows,
       (SELECT count(*) FROM run_all)::int + (SELECT count(*) FROM step_all)::int + (SELECT count(*) FROM skip_all)::int AS all_rollup_rows,
       (SELECT count(*) FROM agent_day)::int AS agent_day_rows, (SELECT count(*) FROM agent_span)::int AS agent_span_rows,
       (SELECT count(*) FROM ev_release)::int + (SELECT count(*) FROM ev_ack)::int AS release_rows,
       pg_total_relation_size('ev_run')::bigint AS raw_bytes, pg_database_size(current_database())::bigint AS db_bytes`,
  );
  return { session: session.token, releases, ...size! };
}

/** Release 1 to everyone on day 0, release 2 (reworded phrases) on the last day: 95 % report it, 90 % acknowledged. */
async function seedReleases(db: Db, day0: number, now: number) {
  const key = await generateSigningKey();
  const keys = [{ publicKey: key.publicKey }];
  const t0 = day0 * DAY_MS;
  const ids: number[] = [];
  for (const v of [1, 2] as const) {
    const r = await publish(db, await signPack(teamPack(v), key.privateKey, { sequence: v }), { keys, now });
    if (!r.ok) throw new Error(`bench release ${v}: ${r.message}`);
    await promote(db, r.release.id, { stage: 'everyone' }, now);
    ids.push(r.release.id);
  }
  const packId = teamPack(1).id;
  await db.query(
    `INSERT INTO ev_release (agent_id, event_id, team, at, pack_id, version, sequence)
     SELECT agent_id, 'rel-' || a || '-' || v, team, $1::bigint + v * 3600000, $2, v, v FROM bench_agents, generate_series(1, 2) v WHERE v = 1 OR a % 20 <> 0`,
    [t0, packId],
  );
  const changes = changedPhrases(diffPacks(teamPack(1), teamPack(2)));
  for (const c of changes)
    await db.query(
      `INSERT INTO ev_ack (agent_id, event_id, team, at, pack_id, version, procedure_id, step_id, phrase_id)
       SELECT agent_id, 'ack-' || a || '-' || $4, team, $1::bigint, $2, 2, $3, $5, $4 FROM bench_agents WHERE a % 10 <> 0`,
      [t0 + 86_400_000, packId, c.procedureId, c.phrase.id, c.stepId],
    );
  return { releases: ids.length, changedPhrases: changes.length };
}
