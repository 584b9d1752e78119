/**
 * What a stored contact adds to the team hub's outbox (issue 11, 13.3): a finished contact's
 * summary and its procedure's fading-guidance counts; and, whenever any contact is stored
 * (a new one started, a step taken), the open contacts nobody touched for a shift, as
 * abandoned (lib/hub-client/events.ts). A contact is counted once: one reported abandoned
 * and finished after all is not reported again (its id is kept in the hub state).
 */
import * as repo from '../db/repo';
import type { CoachingStat } from '../coaching/fade';
import type { Run } from '../engine/run';
import { coachingEvent } from '../hub-client/coaching';
import { abandonedEvent, abandonedRuns, runEvent, type Reported } from '../hub-client/events';
import type { HubState } from '../hub-client/state';
import type { ServiceDeps } from './deps';

interface Deps extends Pick<ServiceDeps, 'db'> {
  now(): number;
  newId(): string;
  record(make: (state: HubState) => Promise<Reported[]>): Promise<void>;
  update(credential: string, change: (s: HubState) => HubState): Promise<void>;
  coachingStats?(ref: { packId: string; version: number; procedureId: string }): Promise<CoachingStat[]>;
}

export function createRunReports({ db, now, newId, record, update, coachingStats }: Deps) {
  return async function onRunStored(run: Run): Promise<void> {
    let marks: { credential: string; drop?: string; add: string[] } | undefined;
    await record(async (state) => {
      const reported = new Set(state.abandoned ?? []);
      const items: Reported[] = [];
      if (run.status === 'finished') {
        const pack = await repo.getPack(db, run.packId, run.packVersion);
        if (!reported.has(run.id)) items.push(...some(runEvent(run, pack, newId())));
        const ref = { packId: run.packId, version: run.packVersion, procedureId: run.procedureId };
        if (coachingStats && pack) {
          const { mode } = await repo.getSettings(db);
          const at = run.finishedAt ?? now();
          items.push(...some(coachingEvent({ ...ref, runId: run.id, at, newHire: mode === 'newHire' }, await coachingStats(ref), pack, newId())));
        }
      }
      const stale = abandonedRuns(await repo.openRuns(db), now()).filter((r) => !reported.has(r.id));
      for (const r of stale) items.push(...some(abandonedEvent(r, await repo.getPack(db, r.packId, r.packVersion), newId())));
      const finishedAfterAll = run.status === 'finished' && reported.has(run.id);
      if (stale.length || finishedAfterAll) marks = { credential: state.credential, drop: finishedAfterAll ? run.id : undefined, add: stale.map((r) => r.id) };
      return items;
    });
    if (marks) {
      const { credential, drop, add } = marks;
      await update(credential, (s) => ({ ...s, abandoned: [...(s.abandoned ?? []).filter((id) => id !== drop), ...add].slice(-1000) }));
    }
  };
}

const some = <T>(x: T | undefined): T[] => (x === undefined ? [] : [x]);
