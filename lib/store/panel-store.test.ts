import { describe, expect, it, vi } from 'vitest';
import defaultPack from '../../public/packs/default.json';
import type { Pack } from '../pack/schema';
import type { Run } from '../engine/run';
import { DEFAULT_SETTINGS } from '../settings/schema';
import { createPanelStore, type Sender } from './panel-store';

const pack = defaultPack as Pack;

/** A fake background: keeps what it is sent, and can be told to fail writes. */
function backend() {
  const stored = new Map<string, Run>();
  const state = { failPuts: 0, settings: { ...DEFAULT_SETTINGS }, activeRunId: null as string | null };
  const send = vi.fn(async (type: string, payload: Record<string, unknown>) => {
    if (type === 'state.load') return { settings: state.settings, packs: [pack], packMeta: [], openRuns: [...stored.values()], activeRunId: state.activeRunId };
    if (type === 'run.activate') return { activeRunId: (state.activeRunId = payload.runId as string | null) };
    if (type === 'prefs.patch') return { settings: (state.settings = { ...state.settings, ...(payload.patch as object) }) };
    if (type === 'run.put') {
      if (state.failPuts > 0) {
        state.failPuts--;
        throw new Error('QuotaExceededError: the disk is full');
      }
      stored.set((payload.run as Run).id, payload.run as Run);
      return { saved: true, run: payload.run };
    }
    throw new Error(`unexpected ${type}`);
  });
  let id = 0;
  const store = createPanelStore({ send: send as unknown as Sender, now: () => 1000 + id, newId: () => `run-${++id}` });
  return { store, stored, state, send };
}

describe('panel store', () => {
  it("opens on the tab's contact from the background, then keeps its own across reloads", async () => {
    const { store, state, send } = backend();
    state.activeRunId = 'from-background';
    await store.getState().load();
    expect(store.getState().activeRunId).toBe('from-background');
    store.getState().switchRun(undefined);
    expect(send).toHaveBeenCalledWith('run.activate', { runId: null });
    state.activeRunId = 'another-tab-changed-recent';
    await store.getState().load(); // e.g. packs.changed
    expect(store.getState().activeRunId).toBeNull();
  });

  it('starts a run, applies events, and persists every step', async () => {
    const { store, stored } = backend();
    await store.getState().load();
    const id = store.getState().startRun(pack.id, 'inbound-phone', { channel: 'phone' })!;
    expect(store.getState().activeRunId).toBe(id);
    expect(store.getState().dispatch({ type: 'next' })).toBe(true);
    await vi.waitFor(() => expect(stored.get(id)?.path.map((v) => v.stepId)).toEqual(['greet', 'verify-identity']));
  });

  it('starts new runs on the release the background chose, not the highest version loaded for an open run', async () => {
    const rogue = { ...pack, version: 9999 };
    const send = vi.fn(async (type: string) => {
      if (type === 'state.load')
        return {
          settings: DEFAULT_SETTINGS,
          packs: [pack, rogue],
          packMeta: [{ id: pack.id, version: pack.version, title: pack.title, source: 'url' }],
          openRuns: [],
        };
      throw new Error(`unexpected ${type}`);
    });
    const store = createPanelStore({ send: send as unknown as Sender, now: () => 1, newId: () => 'r' });
    await store.getState().load();
    expect(store.getState().latest[pack.id]).toBe(pack.version);
  });

  it('explains a refused event and changes nothing', async () => {
    const { store } = backend();
    await store.getState().load();
    store.getState().startRun(pack.id, 'inbound-phone');
    store.getState().dispatch({ type: 'next' });
    const before = store.getState().runs;
    expect(store.getState().dispatch({ type: 'next' })).toBe(false);
    expect(store.getState().blocked).toEqual({ code: 'required-outstanding', itemIds: ['identity-verified'] });
    expect(store.getState().runs).toBe(before);
  });

  it('keeps a failed write in memory, reports it, and retries until it lands', async () => {
    vi.useFakeTimers();
    try {
      const { store, stored, state } = backend();
      await store.getState().load();
      state.failPuts = 2;
      const id = store.getState().startRun(pack.id, 'inbound-phone')!;
      await vi.waitFor(() => expect(store.getState().saveError).toMatch(/disk is full/));
      expect(store.getState().unsaved[id]).toBeDefined();
      store.getState().dispatch({ type: 'next' });
      await vi.advanceTimersByTimeAsync(5000);
      await vi.waitFor(() => expect(stored.get(id)?.path).toHaveLength(2));
      expect(store.getState().saveError).toBeUndefined();
      expect(store.getState().unsaved).toEqual({});
    } finally {
      vi.useRealTimers();
    }
  });

  it("takes another tab's change unless it holds a newer unsaved one", async () => {
    const { store } = backend();
    await store.getState().load();
    const id = store.getState().startRun(pack.id, 'inbound-phone')!;
    await vi.waitFor(() => expect(store.getState().unsaved).toEqual({}));
    const remote = { ...store.getState().runs[id]!, label: 'from tab 2', rev: 9 };
    store.getState().onPush({ type: 'run.changed', run: remote });
    expect(store.getState().runs[id]?.label).toBe('from tab 2');
    store.getState().onPush({ type: 'run.changed', run: { ...remote, status: 'finished' } });
    expect(store.getState().runs[id]).toBeUndefined();
  });

  it('reloading keeps unsaved local changes over what the background had', async () => {
    const { store, state } = backend();
    await store.getState().load();
    state.failPuts = 99;
    const id = store.getState().startRun(pack.id, 'inbound-phone')!;
    await vi.waitFor(() => expect(store.getState().saveError).toBeDefined());
    await store.getState().load();
    expect(store.getState().runs[id]).toBeDefined();
  });
});
