/**
 * Fading guidance reported as counts (issue 13.3), on each backend: stored exactly once
 * whatever the resends, the newest state per agent and step kept (a late event changes
 * nothing), and the Adherence page's per-step figures hiding steps of fewer than 5 agents.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { agentByCredential, createEnrolToken, enrolAgent } from '../../lib/hub/accounts';
import { coachingSteps } from '../../lib/hub/coaching';
import type { Db } from '../../lib/hub/db';
import { ingest } from '../../lib/hub/ingest';
import { migrate } from '../../lib/hub/migrate';
import { BACKENDS, eventId } from './kit';

const T = Date.parse('2026-12-01T09:30:00Z');
const coaching = (at: number, steps: { stepId: string; collapsed: boolean; streak: number; clean: number; total: number }[]) => ({
  id: eventId(),
  type: 'coaching',
  at,
  packId: 'acme.team-b',
  version: 1,
  procedureId: 'callback',
  steps,
});
const step = (stepId: string, collapsed: boolean, clean: number, total: number) => ({ stepId, collapsed, streak: collapsed ? clean : 0, clean, total });

describe.each(BACKENDS)('coaching counts on $name', { timeout: 60_000 }, (backend) => {
  let drop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await drop?.();
    drop = undefined;
  });
  async function hubWithAgents(n: number, team: string, db?: Db) {
    if (!db) {
      const o = await backend.open();
      drop = o.drop;
      db = o.db;
      await migrate(db);
    }
    const tok = await createEnrolToken(db, team, 0);
    const agents = [];
    for (let i = 0; i < n; i++) agents.push((await agentByCredential(db, (await enrolAgent(db, tok.token, `${team}-${i}`, 0))!.credential))!);
    return { db, agents };
  }

  it('stores each event once, keeps the newest state per agent and step, and refuses text or impossible counts', async () => {
    const { db, agents } = await hubWithAgents(1, 'team-a');
    const newer = coaching(T + 60_000, [step('open', true, 6, 7), step('close', false, 2, 4)]);
    const older = coaching(T, [step('open', false, 3, 3)]);
    expect((await ingest(db, agents[0]!, [newer], T + 1e6)).accepted).toEqual([newer.id]);
    const again = await ingest(db, agents[0]!, [newer, older], T + 1e6);
    expect(again).toEqual({ accepted: [older.id], duplicates: [newer.id], rejected: [] });
    expect(await db.query('SELECT step_id, collapsed, streak, clean, total FROM coach_step ORDER BY step_id')).toEqual([
      { step_id: 'close', collapsed: false, streak: 0, clean: 2, total: 4 },
      { step_id: 'open', collapsed: true, streak: 6, clean: 6, total: 7 },
    ]);
    const bad = [
      { ...coaching(T, [step('open', true, 1, 1)]), guidance: 'Greet the customer' },
      coaching(T, [{ ...step('open', true, 1, 1), ...{ text: 'typed' } }]),
      coaching(T, [step('open', false, 5, 4)]),
      coaching(T, []),
    ];
    const refused = await ingest(db, agents[0]!, bad, T + 1e6);
    expect(refused.accepted).toEqual([]);
    expect(refused.rejected.map((r) => r.problem)).toEqual([
      expect.stringContaining('guidance'),
      expect.stringContaining('events.1.steps.0'),
      'events.2.steps: a step has more clean completions than completions',
      'events.3.steps: a coaching report has at least one step',
    ]);
  });

  it('sums per step over agents (a team filter narrows them) and hides steps of fewer than 5 agents', async () => {
    const { db, agents } = await hubWithAgents(6, 'team-a');
    const { agents: others } = await hubWithAgents(2, 'team-b', db);
    // Every agent reports "open"; only 3 of team-a report "close" (a hidden group).
    for (const [i, a] of [...agents, ...others].entries())
      await ingest(db, a, [coaching(T, [step('open', i % 2 === 0, 5, 6), ...(i < 3 ? [step('close', false, 1, 2)] : [])])], T + 1e6);
    const key = { pack_id: 'acme.team-b', procedure_id: 'callback' };
    expect(await coachingSteps(db, key, {}, 5)).toEqual([{ step: 'open', agents: 8, collapsed: 4, clean: 40, total: 48 }]);
    expect(await coachingSteps(db, key, { team: 'team-a' }, 5)).toEqual([{ step: 'open', agents: 6, collapsed: 3, clean: 30, total: 36 }]);
    expect(await coachingSteps(db, key, { team: 'team-b' }, 5)).toEqual([]);
    expect(await coachingSteps(db, key, {}, 1)).toEqual([
      { step: 'close', agents: 3, collapsed: 0, clean: 3, total: 6 },
      { step: 'open', agents: 8, collapsed: 4, clean: 40, total: 48 },
    ]);
  });
});
