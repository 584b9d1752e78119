/**
 * The background's side of run.put / state.load / run.activate / run.delete, as plain
 * functions of the database and the session area, so they are tested without a browser and
 * the handlers only wire them. Labels stay in the session (lib/session/labels.ts); the active
 * contact is per tab (lib/session/active-run.ts).
 */
import type { Run } from '../engine/run';
import * as repo from '../db/repo';
import type { CuecardDb } from '../db/schema';
import type { SessionArea } from '../session/area';
import { forgetLabel, saveLabel, withLabels, withoutLabel } from '../session/labels';
import { activeRunOf, setActiveRun } from '../session/active-run';

/** Stores a run unless a higher (or equal) revision is stored; returns the winner, label included. */
export async function storeRun(d: CuecardDb, session: SessionArea, run: Run): Promise<{ saved: boolean; run: Run }> {
  const result = await repo.putRun(d, withoutLabel(run));
  if (result.saved) {
    await saveLabel(session, run);
    return { saved: true, run };
  }
  const [winner] = await withLabels(session, [result.run]);
  return { saved: false, run: winner! };
}

export async function openRunsWithLabels(d: CuecardDb, session: SessionArea): Promise<Run[]> {
  return withLabels(session, await repo.openRuns(d));
}

export async function historyWithLabels(d: CuecardDb, session: SessionArea, limit?: number): Promise<Run[]> {
  return withLabels(session, await repo.finishedRuns(d, limit));
}

/** The contact a tab's panel opens on: the tab's own choice, else the agent's most recent one. */
export async function activeRunForTab(d: CuecardDb, session: SessionArea, tabId: number | undefined): Promise<string | null> {
  return activeRunOf(session, tabId, (await repo.getSettings(d)).activeRunId);
}

/** A tab switched contact: remembered for that tab, and as the agent's most recent contact for new tabs. */
export async function activateRun(d: CuecardDb, session: SessionArea, tabId: number | undefined, runId: string | null): Promise<string | null> {
  await setActiveRun(session, tabId, runId);
  if (runId) await repo.patchSettings(d, { activeRunId: runId });
  return runId;
}

/** Deletes a run with everything it owns (kept values, follow-ups, its label); returns the follow-up ids. */
export async function removeRun(d: CuecardDb, session: SessionArea, runId: string): Promise<string[]> {
  const { followUps } = await repo.deleteRun(d, runId);
  await forgetLabel(session, runId);
  return followUps;
}
