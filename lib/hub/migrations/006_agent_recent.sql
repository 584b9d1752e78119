-- Which of its last 63 days each agent_span reported on, as bits: bit i is day last_day - i
-- (63 bits, so the sign bit stays clear). An agent whose span covers a date window on both
-- sides is then decided from its own row for any window within 63 days of its last report —
-- "a week 2-3 weeks back" for 10,000 agents read 350,000 agent_day rows before (1.1 s on
-- PostgreSQL); only older windows still look agent_day up (lib/hub/report-adherence.ts).
ALTER TABLE agent_span ADD COLUMN recent bigint NOT NULL DEFAULT 0;

UPDATE agent_span s SET recent = coalesce((
  SELECT bit_or(1::bigint << (s.last_day - d.day)) FROM agent_day d
  WHERE d.agent_id = s.agent_id AND d.pack_id = s.pack_id AND d.procedure_id = s.procedure_id AND d.version = s.version
    AND d.team = s.team AND d.channel = s.channel AND d.day > s.last_day - 63 AND d.day <= s.last_day), 0);
