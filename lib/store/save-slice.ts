/**
 * Writes to the background. A write that fails (quota exceeded, the database broken, the
 * background gone) keeps the run in memory, shows a non-blocking error and retries with
 * backoff; nothing the agent did is dropped, and it can be exported meanwhile.
 */
import type { Run } from '../engine/run';
import type { GetState, SetState, StoreDeps } from './panel-store';

export interface SaveSlice {
  /** Runs whose newest state is not yet stored. */
  unsaved: Record<string, Run>;
  saveError?: string;
  persist(run: Run): Promise<boolean>;
  retrySaves(): Promise<void>;
  /** A mark to take before asking the background for state (see overlayLocal). */
  saveMark(): number;
  /**
   * Loaded runs, except where this panel knows better: runs changed here since `mark` (sent by
   * us, or pushed by another tab) are newer than a read begun then, and unsaved ones are too.
   */
  overlayLocal(loaded: Record<string, Run>, mark: number): Record<string, Run>;
  /**
   * Another tab changed a run; true means "set it aside": our own write of that run is in
   * flight, and which of the two the background stored last is known only once ours lands
   * (then the panel reloads). False: apply it.
   */
  notePush(runId: string): boolean;
}

const MAX_BACKOFF_MS = 10_000;

export function createSaveSlice(set: SetState, get: GetState, deps: StoreDeps): SaveSlice {
  let backoff = 1000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let seq = 0;
  /** Run id → `seq` of the last change made to it in this panel (our write or a push taken). */
  const touched = new Map<string, number>();
  const deferred = new Set<string>();

  function scheduleRetry() {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void get().retrySaves();
    }, backoff);
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
  }

  // Each write is sent at once, not queued behind the previous reply: a page that removes our
  // frame (or an agent closing the tab) right after a tick would otherwise drop every queued
  // write. Order still holds: one frame's messages reach the background in order, and it
  // starts their IndexedDB transactions in that order.
  async function write(run: Run): Promise<boolean> {
    try {
      const reply = await deps.send('run.put', { run });
      set((s) => {
        const unsaved = { ...s.unsaved };
        // Only clear the entry if nothing newer was queued meanwhile.
        if (unsaved[run.id] === run) delete unsaved[run.id];
        const next = { unsaved, saveError: Object.keys(unsaved).length ? s.saveError : undefined };
        const winner = reply?.saved === false ? reply.run : undefined;
        // The background kept a higher revision (another tab's): show what it decided, unless
        // this panel has moved past it since (that newer write is on its way and will win).
        if (!winner || unsaved[run.id] || (s.runs[run.id]?.rev ?? -1) > winner.rev) return next;
        touched.set(run.id, ++seq);
        const runs = { ...s.runs };
        if (winner.status === 'open') runs[winner.id] = winner;
        else delete runs[winner.id];
        return { ...next, runs };
      });
      backoff = 1000;
      if (deferred.has(run.id) && !get().unsaved[run.id]) {
        deferred.delete(run.id);
        void get().load();
      }
      return true;
    } catch (err) {
      // A newer state of this run may have been stored meanwhile: then this failure is moot.
      if (get().unsaved[run.id] !== run) return false;
      set({ saveError: err instanceof Error ? err.message : String(err) });
      scheduleRetry();
      return false;
    }
  }

  return {
    unsaved: {},
    persist(run) {
      // Practice contacts are never stored (issue 13.4): not in History, counts or reports. A
      // drill's run is kept by the background for the session: it checks the drill from it.
      if (get().practice && get().practiceRuns[run.id]?.kind === 'drill')
        return deps.send('practice.drillRun', { run }).then(
          () => true,
          () => false,
        );
      if (get().practice) return Promise.resolve(true);
      set((s) => ({ unsaved: { ...s.unsaved, [run.id]: run } }));
      touched.set(run.id, ++seq);
      return write(run);
    },
    saveMark: () => seq,
    overlayLocal(loaded, mark) {
      const runs = { ...loaded };
      const local = get().runs;
      for (const [id, at] of touched) {
        if (at <= mark) continue;
        if (local[id]) runs[id] = local[id];
        else delete runs[id]; // finished here since
      }
      for (const r of Object.values(get().unsaved)) {
        if (r.status === 'open') runs[r.id] = r;
        else delete runs[r.id];
      }
      return runs;
    },
    notePush(runId) {
      if (get().unsaved[runId]) {
        deferred.add(runId);
        return true;
      }
      touched.set(runId, ++seq);
      return false;
    },
    async retrySaves() {
      await Promise.all(Object.values(get().unsaved).map((run) => get().persist(run)));
    },
  };
}
