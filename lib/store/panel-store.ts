/**
 * The panel's state: a vanilla Zustand store built from slices, one fresh store per mount
 * (and per test). Every engine step is applied locally first (shown at once), then
 * persisted through the background; a failed write is kept in memory and retried.
 */
import type { PrefsPatch } from '../settings/prefs';
import { createStore } from 'zustand/vanilla';
import type { Pack } from '../pack/schema';
import type { Run } from '../engine/run';
import type { PanelPush, RequestOf, RequestType, Responses } from '../messaging/protocol';
import { DEFAULT_SETTINGS, type Settings } from '../settings/schema';
import { packKey } from './pack-key';
import { createRunSlice, type RunSlice } from './run-slice';
import { createSaveSlice, type SaveSlice } from './save-slice';
import { createContextSlice, type ContextSlice } from './context-slice';
import { createPackSlice, type PackSlice } from './pack-slice';
import { createToolsSlice, type ToolsSlice } from './tools-slice';
import { createCoachingSlice, type CoachingSlice } from './coaching-slice';
import { createGuardSlice, type GuardSlice } from './guard-slice';
import { createPracticeSlice, type PracticeSlice } from './practice-slice';

export type Sender = <T extends RequestType>(type: T, payload: RequestOf<T>) => Promise<Responses[T]>;

export interface StoreDeps {
  send: Sender;
  now: () => number;
  newId: () => string;
}

export interface CoreSlice {
  ready: boolean;
  loadError?: string;
  settings: Settings;
  /** Packs by `id@version`: the newest of each, plus versions that open runs use. */
  packs: Record<string, Pack>;
  /** The version of each pack id new runs start on: the release in use the background chose (lib/distribution/rank.ts). */
  latest: Record<string, number>;
  runs: Record<string, Run>;
  /**
   * The contact this panel shows (`null`: the picker). Per tab: the background keeps each
   * tab's choice (lib/session/active-run.ts), so switching here never switches another tab.
   */
  activeRunId: string | null;
  load(): Promise<void>;
  /** The panel's own preferences only (lib/settings/prefs.ts); trust settings are the options page's. */
  patchSettings(patch: PrefsPatch): Promise<void>;
  onPush(push: PanelPush): void;
}

export type PanelState = CoreSlice & RunSlice & SaveSlice & ToolsSlice & PackSlice & ContextSlice & CoachingSlice & PracticeSlice & GuardSlice;
export type PanelStore = ReturnType<typeof createPanelStore>;
export type SetState = (partial: Partial<PanelState> | ((s: PanelState) => Partial<PanelState>)) => void;
export type GetState = () => PanelState;

export { packKey };

/**
 * `heads`: the release in use of each pack id, as the background chose it by (rank, version).
 * The highest version is NOT it: a run open on a rogue key's v9999 keeps v9999 loaded, and new
 * runs must still start on the company's v4 (issue 10). An id without a head falls back to its
 * highest version.
 */
function indexPacks(packs: Pack[], heads: readonly { id: string; version: number }[]) {
  const byKey: Record<string, Pack> = {};
  const latest: Record<string, number> = {};
  for (const p of packs) {
    byKey[packKey(p.id, p.version)] = p;
    latest[p.id] = Math.max(latest[p.id] ?? 0, p.version);
  }
  for (const h of heads) if (byKey[packKey(h.id, h.version)]) latest[h.id] = h.version;
  return { packs: byKey, latest };
}

export function createPanelStore(deps: StoreDeps) {
  return createStore<PanelState>()((set, get) => ({
    ready: false,
    settings: DEFAULT_SETTINGS,
    packs: {},
    latest: {},
    runs: {},
    activeRunId: null,
    async load() {
      try {
        const mark = get().saveMark();
        const state = await deps.send('state.load', {});
        // Local changes the background had not stored when it read (a failed write, or one
        // sent meanwhile) are newer than what it sent back.
        const runs = get().overlayLocal(Object.fromEntries(state.openRuns.map((r) => [r.id, r])), mark);
        // The tab's contact comes from the background on the first load; after that this panel
        // is the one that changes it (and tells the background), so a reload keeps its own.
        const activeRunId = get().ready ? get().activeRunId : (state.activeRunId ?? null);
        // The practice page's contacts live here only: a reload of the pack list keeps them.
        const practice = state.practice === true;
        const kept = practice ? Object.fromEntries(Object.entries(get().runs).filter(([id]) => get().practiceRuns[id])) : {};
        const indexed = indexPacks(state.packs, state.packMeta);
        if (practice)
          for (const [key, pack] of Object.entries(get().packs)) if (pack.procedures.some((p) => p.id.startsWith('drill.'))) indexed.packs[key] = pack;
        set({
          ready: true,
          loadError: undefined,
          settings: state.settings,
          runs: { ...runs, ...kept },
          activeRunId: practice ? get().activeRunId : activeRunId,
          practice,
          ...indexed,
        });
      } catch (err) {
        set({ loadError: err instanceof Error ? err.message : String(err) });
      }
    },
    async patchSettings(patch) {
      set((s) => ({ settings: { ...s.settings, ...patch } }));
      const { settings } = await deps.send('prefs.patch', { patch });
      set({ settings });
    },
    onPush(push) {
      if (push.type === 'run.changed') {
        if (get().practice) return; // the practice page shows no real contact
        // Another tab changed a run: take its write, unless ours of the same run is in flight
        // (then whichever the background stored last is read back once ours has landed).
        if (get().notePush(push.run.id)) return;
        set((s) => {
          const runs = { ...s.runs };
          if (push.run.status === 'open') runs[push.run.id] = push.run;
          else delete runs[push.run.id];
          return { runs };
        });
      } else if (push.type === 'settings.changed') set({ settings: push.settings });
      else if (push.type === 'followups.changed') void get().loadFollowUps();
      else if (push.type === 'page.key') get().receivePageKey(push.combo);
      else if (push.type === 'guard.held') get().receiveHeld(push.held);
      else void get().load();
    },
    ...createRunSlice(set, get, deps),
    ...createSaveSlice(set, get, deps),
    ...createContextSlice(set, get, deps),
    ...createPackSlice(set, get, deps),
    ...createToolsSlice(set, get, deps),
    ...createCoachingSlice(set, get, deps),
    ...createPracticeSlice(set, get, deps),
    ...createGuardSlice(set, get, deps),
  }));
}
