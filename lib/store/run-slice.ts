/** Runs: start, switch, and every engine event (reduce → show → persist). */
import { reduce, startRun, whyNot, type Blocked } from '../engine';
import type { Channel } from '../pack/schema';
import type { RunEvent } from '../engine/run';
import type { GetState, SetState, StoreDeps } from './panel-store';
import { packKey } from './pack-key';

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
export type AgentEvent = DistributiveOmit<RunEvent, 'at'>;

export interface RunSlice {
  /** Why the last action was refused, for the panel to explain; cleared by the next success. */
  blocked: Blocked | null;
  startRun(packId: string, procedureId: string, opts?: { channel?: Channel; label?: string }): string | undefined;
  dispatch(event: AgentEvent): boolean;
  switchRun(runId: string | undefined): void;
}

export function createRunSlice(set: SetState, get: GetState, deps: StoreDeps): RunSlice {
  function activate(runId: string | undefined) {
    set({ activeRunId: runId ?? null });
    if (get().practice) return; // the practice page's contact is not the agent's current contact
    void deps.send('run.activate', { runId: runId ?? null }).catch(() => undefined);
  }
  return {
    blocked: null,
    startRun(packId, procedureId, opts = {}) {
      const version = get().latest[packId];
      const pack = version === undefined ? undefined : get().packs[packKey(packId, version)];
      const procedure = pack?.procedures.find((p) => p.id === procedureId);
      if (!pack || !procedure) return undefined;
      const run = startRun(procedure, pack, { id: deps.newId(), at: deps.now(), ...opts });
      set((s) => ({ runs: { ...s.runs, [run.id]: run }, blocked: null }));
      activate(run.id);
      void get().persist(run);
      return run.id;
    },
    dispatch(agentEvent) {
      const { settings, runs, packs, activeRunId } = get();
      const run = activeRunId ? runs[activeRunId] : undefined;
      const procedure = run && packs[packKey(run.packId, run.packVersion)]?.procedures.find((p) => p.id === run.procedureId);
      if (!run || !procedure) return false;
      const event = { ...agentEvent, at: deps.now() } as RunEvent;
      const ctx = { procedure, mode: settings.mode };
      const next = reduce(run, event, ctx);
      if (next === run) {
        set({ blocked: whyNot(run, event, ctx) });
        return false;
      }
      set((s) => {
        const open = { ...s.runs };
        if (next.status === 'open') open[next.id] = next;
        else delete open[next.id];
        return { runs: open, blocked: null };
      });
      if (next.status === 'finished' && get().practice) get().finishPractice(next);
      else if (next.status === 'finished') activate(Object.keys(get().runs)[0]);
      // A finished contact changes the fading-guidance counts once the background has it.
      void get()
        .persist(next)
        .then(() => next.status === 'finished' && get().forgetCoaching());
      return true;
    },
    switchRun(runId) {
      set({ blocked: null });
      activate(runId);
    },
  };
}
