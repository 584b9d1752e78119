-- Fading guidance reported as counts (issue 13.3): each coaching event holds an agent's whole
-- state for a procedure's steps (collapsed now, clean completions in a row, clean and all
-- completions), so coach_step keeps the newest per agent and step and a resend or a late
-- event changes nothing. ev_coaching makes storage exactly-once like the other events.
CREATE TABLE ev_coaching (
  agent_id text NOT NULL, event_id text NOT NULL, team text NOT NULL, at bigint NOT NULL,
  pack_id text NOT NULL, version integer NOT NULL, procedure_id text NOT NULL, steps jsonb NOT NULL,
  PRIMARY KEY (agent_id, event_id)
);

CREATE TABLE coach_step (
  pack_id text NOT NULL, procedure_id text NOT NULL, step_id text NOT NULL, agent_id text NOT NULL,
  team text NOT NULL, version integer NOT NULL, at bigint NOT NULL,
  collapsed boolean NOT NULL, streak integer NOT NULL, clean integer NOT NULL, total integer NOT NULL,
  PRIMARY KEY (pack_id, procedure_id, step_id, agent_id)
);
CREATE INDEX coach_step_team ON coach_step (team, pack_id, procedure_id);
