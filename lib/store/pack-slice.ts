/**
 * Pack updates in the panel: notices (new release, refused file), what changed in each
 * installed version, and the agent's "I've read the new wording" for changed phrases.
 */
import { phraseKey } from '../distribution/acks';
import type { ChangeSet, PackNotice } from '../distribution/views';
import type { GetState, SetState, StoreDeps } from './panel-store';
import { packKey } from './pack-key';

export interface PackSlice {
  /** Undefined until the background answered once (the ack gate waits for it). */
  packUpdates?: { notices: PackNotice[]; changes: Record<string, ChangeSet> };
  /** The updates could not be loaded: the panel works on without notices or gates. */
  packUpdatesError?: string;
  /** An acknowledgement the background did not store; the gate shows it and stays. */
  ackError?: string;
  loadPackUpdates(): Promise<void>;
  ackPhrases(packId: string, version: number, procedureId: string, phraseIds: string[]): Promise<void>;
  dismissPackNotice(id: string): Promise<void>;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function createPackSlice(set: SetState, get: GetState, deps: StoreDeps): PackSlice {
  const setAcked = (key: string, acked: Record<string, number>) =>
    set((s) => {
      const updates = s.packUpdates;
      const change = updates?.changes[key];
      if (!updates || !change) return {};
      return { packUpdates: { ...updates, changes: { ...updates.changes, [key]: { ...change, acked } } } };
    });
  // One load at a time; a request made meanwhile runs once more after it, so news is never missed.
  let loading: Promise<void> | undefined;
  let again = false;
  async function load() {
    try {
      const { notices, changes } = await deps.send('packs.updates', {});
      const byKey = Object.fromEntries(changes.map((c) => [packKey(c.packId, c.version), c]));
      set({ packUpdates: { notices, changes: byKey }, packUpdatesError: undefined });
    } catch (err) {
      set({ packUpdatesError: message(err) });
    }
  }
  return {
    loadPackUpdates() {
      if (loading) {
        again = true;
        return loading;
      }
      loading = (async () => {
        do {
          again = false;
          await load();
        } while (again);
        loading = undefined;
      })();
      return loading;
    },
    async ackPhrases(packId, version, procedureId, phraseIds) {
      const key = packKey(packId, version);
      const before = get().packUpdates?.changes[key]?.acked ?? {};
      const at = deps.now();
      // Shown at once; the background's record (with its own time) replaces it.
      setAcked(key, { ...before, ...Object.fromEntries(phraseIds.map((id) => [phraseKey(procedureId, id), at])) });
      set({ ackError: undefined });
      try {
        const { acked } = await deps.send('pack.ack', { packId, version, procedureId, phraseIds });
        setAcked(key, acked);
      } catch (err) {
        // Not recorded means not acknowledged: the gate comes back with the reason.
        setAcked(key, before);
        set({ ackError: message(err) });
      }
    },
    async dismissPackNotice(id) {
      set((s) => (s.packUpdates ? { packUpdates: { ...s.packUpdates, notices: s.packUpdates.notices.filter((n) => n.id !== id) } } : {}));
      await deps.send('packs.dismissNotice', { id }).catch(() => undefined);
    },
  };
}
