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
}

const MAX_BACKOFF_MS = 30_000;

export function createSaveSlice(set: SetState, get: GetState, deps: StoreDeps): SaveSlice {
  let chain: Promise<unknown> = Promise.resolve();
  let backoff = 1000;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function scheduleRetry() {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void get().retrySaves();
    }, backoff);
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
  }

  async function write(run: Run): Promise<boolean> {
    try {
      await deps.send('run.put', { run });
      set((s) => {
        const unsaved = { ...s.unsaved };
        // Only clear the entry if nothing newer was queued meanwhile.
        if (unsaved[run.id] === run) delete unsaved[run.id];
        return { unsaved, saveError: Object.keys(unsaved).length ? s.saveError : undefined };
      });
      backoff = 1000;
      return true;
    } catch (err) {
      set({ saveError: err instanceof Error ? err.message : String(err) });
      scheduleRetry();
      return false;
    }
  }

  return {
    unsaved: {},
    persist(run) {
      set((s) => ({ unsaved: { ...s.unsaved, [run.id]: run } }));
      // Writes go out one at a time, in order, so the background stores the newest last.
      const p = chain.then(() => (get().unsaved[run.id] === run ? write(run) : true));
      chain = p;
      return p;
    },
    async retrySaves() {
      for (const run of Object.values(get().unsaved)) await get().persist(run);
    },
  };
}
