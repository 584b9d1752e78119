-- Roll-ups for 10,000 agents × 30 days (docs/hub.md, "Running at scale"; measured by
-- test/bench/hub-bench.ts). Kept in step with ev_run by the one statement that stores a
-- batch of run summaries (lib/hub/rollup.ts).

-- 1. All-teams roll-ups: run_day / step_day / skip_day without the team column. Without a
--    team filter the Adherence view reads these (~8,000 rows per procedure over 30 days)
--    instead of summing the per-team rows (~1,000,000 per procedure at 100 teams).
CREATE TABLE run_all (
  pack_id text NOT NULL, procedure_id text NOT NULL, version integer NOT NULL, day integer NOT NULL,
  channel text NOT NULL, end_step text NOT NULL, outcome text NOT NULL,
  runs integer NOT NULL,
  PRIMARY KEY (pack_id, procedure_id, version, day, channel, end_step, outcome)
);

CREATE TABLE step_all (
  pack_id text NOT NULL, procedure_id text NOT NULL, version integer NOT NULL, day integer NOT NULL,
  channel text NOT NULL, step_id text NOT NULL, bucket smallint NOT NULL,
  visits integer NOT NULL, back integer NOT NULL,
  PRIMARY KEY (pack_id, procedure_id, version, day, channel, step_id, bucket)
);

CREATE TABLE skip_all (
  pack_id text NOT NULL, procedure_id text NOT NULL, version integer NOT NULL, day integer NOT NULL,
  channel text NOT NULL, item_id text NOT NULL, step_id text NOT NULL, reason text NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (pack_id, procedure_id, version, day, channel, item_id, step_id, reason)
);

-- 2. A team filter reads the per-team rows through an index that leads with the team (the
--    primary keys lead with the procedure and the day, and would scan every team's rows).
CREATE INDEX run_day_team ON run_day (team, pack_id, procedure_id, version, day);
CREATE INDEX step_day_team ON step_day (team, pack_id, procedure_id, version, day);
CREATE INDEX skip_day_team ON skip_day (team, pack_id, procedure_id, version, day);

-- 3. Who reported, with the first and last day: one row per agent, procedure, team and
--    channel (50,000 rows at 10,000 agents × 5 procedures instead of agent_day's millions).
--    An agent reported within a date window when its first or last day falls in it; only an
--    agent whose span covers the window on both sides is looked up in agent_day, by the
--    index below.
CREATE TABLE agent_span (
  pack_id text NOT NULL, procedure_id text NOT NULL, version integer NOT NULL,
  team text NOT NULL, channel text NOT NULL, agent_id text NOT NULL,
  first_day integer NOT NULL, last_day integer NOT NULL,
  PRIMARY KEY (pack_id, procedure_id, version, team, channel, agent_id)
);
CREATE INDEX agent_day_agent ON agent_day (agent_id, pack_id, procedure_id, version, day);

-- Hubs already running hold roll-ups: derive the new ones once.
INSERT INTO run_all SELECT pack_id, procedure_id, version, day, channel, end_step, outcome, sum(runs) FROM run_day GROUP BY 1, 2, 3, 4, 5, 6, 7;
INSERT INTO step_all SELECT pack_id, procedure_id, version, day, channel, step_id, bucket, sum(visits), sum(back) FROM step_day GROUP BY 1, 2, 3, 4, 5, 6, 7;
INSERT INTO skip_all SELECT pack_id, procedure_id, version, day, channel, item_id, step_id, reason, sum(count) FROM skip_day GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
INSERT INTO agent_span SELECT pack_id, procedure_id, version, team, channel, agent_id, min(day), max(day) FROM agent_day GROUP BY 1, 2, 3, 4, 5, 6;
