-- Cuecard hub schema, version 1. Timestamps are epoch milliseconds (bigint): the same
-- numbers the extension sends, compared without time-zone surprises.

-- Dashboard logins (team leads). Passwords: scrypt, see lib/hub/password.ts.
CREATE TABLE users (
  email text PRIMARY KEY,
  password_hash text NOT NULL,
  created_at bigint NOT NULL
);

-- Sessions: the cookie holds the token; only its SHA-256 is stored.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  email text NOT NULL REFERENCES users(email) ON DELETE CASCADE,
  csrf text NOT NULL,
  expires_at bigint NOT NULL
);

-- API keys for the CLI (pack publish, promote). Only the SHA-256 is stored.
CREATE TABLE api_keys (
  id text PRIMARY KEY,
  key_hash text NOT NULL UNIQUE,
  label text NOT NULL,
  created_at bigint NOT NULL,
  revoked_at bigint
);

-- Per-team enrolment tokens.
CREATE TABLE enrol_tokens (
  id text PRIMARY KEY,
  token_hash text NOT NULL UNIQUE,
  team text NOT NULL,
  created_at bigint NOT NULL,
  revoked_at bigint
);

CREATE TABLE agents (
  agent_id text PRIMARY KEY,
  team text NOT NULL,
  credential_hash text NOT NULL UNIQUE,
  feed_id text NOT NULL UNIQUE,
  enrolled_at bigint NOT NULL
);

-- Signed uploads, exactly the bytes the lead signed.
CREATE TABLE releases (
  id serial PRIMARY KEY,
  pack_id text NOT NULL,
  sequence integer NOT NULL,
  version integer NOT NULL,
  key_id text NOT NULL,
  signed_text text NOT NULL,
  etag text NOT NULL,
  uploaded_at bigint NOT NULL,
  -- draft | pilot | everyone | paused | retired
  stage text NOT NULL DEFAULT 'draft',
  -- pilot audience: agent ids and team names
  pilot_agents text[] NOT NULL DEFAULT '{}',
  pilot_teams text[] NOT NULL DEFAULT '{}',
  -- a scheduled promotion: to this stage, at this time
  scheduled_stage text,
  scheduled_at bigint,
  staged_at bigint,
  UNIQUE (pack_id, sequence)
);

-- Events, each stored once per (agent, event id) whatever the number of deliveries.
CREATE TABLE ev_release (
  agent_id text NOT NULL, event_id text NOT NULL, team text NOT NULL, at bigint NOT NULL,
  pack_id text NOT NULL, version integer NOT NULL, sequence integer,
  PRIMARY KEY (agent_id, event_id)
);
CREATE INDEX ev_release_pack ON ev_release (pack_id, agent_id, at);

CREATE TABLE ev_ack (
  agent_id text NOT NULL, event_id text NOT NULL, team text NOT NULL, at bigint NOT NULL,
  pack_id text NOT NULL, version integer NOT NULL, procedure_id text NOT NULL, step_id text NOT NULL, phrase_id text NOT NULL,
  PRIMARY KEY (agent_id, event_id)
);
CREATE INDEX ev_ack_pack ON ev_ack (pack_id, version);

CREATE TABLE ev_run (
  agent_id text NOT NULL, event_id text NOT NULL, team text NOT NULL, at bigint NOT NULL,
  pack_id text NOT NULL, version integer NOT NULL, procedure_id text NOT NULL, channel text,
  outcome text NOT NULL, end_step text NOT NULL, back_steps integer NOT NULL,
  path jsonb NOT NULL, skipped jsonb NOT NULL,
  PRIMARY KEY (agent_id, event_id)
);
CREATE INDEX ev_run_proc ON ev_run (pack_id, procedure_id, version, at);

CREATE TABLE ev_anchor (
  agent_id text NOT NULL, event_id text NOT NULL, team text NOT NULL, at bigint NOT NULL,
  pack_id text NOT NULL, anchor_id text NOT NULL, page text NOT NULL,
  PRIMARY KEY (agent_id, event_id)
);
