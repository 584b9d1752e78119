-- Daily roll-ups of run summaries, kept in step with ev_run inside the transaction that
-- stores each event (lib/hub/rollup.ts), so dashboard queries read thousands of rows
-- instead of millions. `day` is days since 1970-01-01 UTC; channel '' means none.
-- Step times are a histogram: bucket b holds times t with floor(8·log2(1 + t/1000 s)) = b,
-- within 4.5 % of (t + 1 s), from which the median and 90th percentile are read.

CREATE TABLE run_day (
  pack_id text NOT NULL, procedure_id text NOT NULL, version integer NOT NULL, day integer NOT NULL,
  team text NOT NULL, channel text NOT NULL, end_step text NOT NULL, outcome text NOT NULL,
  runs integer NOT NULL,
  PRIMARY KEY (pack_id, procedure_id, version, day, team, channel, end_step, outcome)
);

CREATE TABLE step_day (
  pack_id text NOT NULL, procedure_id text NOT NULL, version integer NOT NULL, day integer NOT NULL,
  team text NOT NULL, channel text NOT NULL, step_id text NOT NULL, bucket smallint NOT NULL,
  visits integer NOT NULL, back integer NOT NULL,
  PRIMARY KEY (pack_id, procedure_id, version, day, team, channel, step_id, bucket)
);

CREATE TABLE skip_day (
  pack_id text NOT NULL, procedure_id text NOT NULL, version integer NOT NULL, day integer NOT NULL,
  team text NOT NULL, channel text NOT NULL, item_id text NOT NULL, step_id text NOT NULL, reason text NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (pack_id, procedure_id, version, day, team, channel, item_id, step_id, reason)
);

-- Who reported, per day: for the "fewer than 5 agents" privacy threshold and agent counts.
CREATE TABLE agent_day (
  pack_id text NOT NULL, procedure_id text NOT NULL, version integer NOT NULL, day integer NOT NULL,
  team text NOT NULL, channel text NOT NULL, agent_id text NOT NULL,
  PRIMARY KEY (pack_id, procedure_id, version, day, team, channel, agent_id)
);

-- Releases already running may hold summaries: build their roll-ups once.
INSERT INTO run_day
SELECT pack_id, procedure_id, version, (at / 86400000)::int, team, coalesce(channel, ''), end_step, outcome, count(*)
FROM ev_run GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

INSERT INTO step_day
SELECT pack_id, procedure_id, version, day, team, channel, step_id, bucket, count(*), count(*) FILTER (WHERE n > 1)
FROM (SELECT r.pack_id, r.procedure_id, r.version, (r.at / 86400000)::int AS day, r.team, coalesce(r.channel, '') AS channel,
             e.value->>'stepId' AS step_id,
             floor(8 * log(2, 1 + (e.value->>'ms')::numeric / 1000))::smallint AS bucket,
             row_number() OVER (PARTITION BY r.agent_id, r.event_id, e.value->>'stepId' ORDER BY e.ordinality) AS n
      FROM ev_run r, jsonb_array_elements(r.path) WITH ORDINALITY e) s
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

INSERT INTO skip_day
SELECT r.pack_id, r.procedure_id, r.version, (r.at / 86400000)::int, r.team, coalesce(r.channel, ''),
       e.value->>'itemId', e.value->>'stepId', e.value->>'reason', count(*)
FROM ev_run r, jsonb_array_elements(r.skipped) e GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;

INSERT INTO agent_day
SELECT DISTINCT pack_id, procedure_id, version, (at / 86400000)::int, team, coalesce(channel, ''), agent_id FROM ev_run;
