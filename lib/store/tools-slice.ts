/**
 * Agent tools beside the run: the search palette, the follow-up list, and keys forwarded from
 * the CRM page. Follow-ups live in the background's database; this holds the panel's copy.
 */
import type { FollowUp, FollowUpChange, FollowUpDraft } from '../followups/schema';
import type { GetState, SetState, StoreDeps } from './panel-store';

export interface ToolsSlice {
  paletteOpen: boolean;
  setPaletteOpen(open: boolean): void;
  /** The last shortcut forwarded from the CRM page; `seq` tells repeats of one combo apart. */
  pageKey: { combo: string; seq: number } | null;
  receivePageKey(combo: string): void;
  followUps: FollowUp[];
  followUpsError?: string;
  loadFollowUps(): Promise<void>;
  addFollowUp(draft: FollowUpDraft): Promise<FollowUp>;
  changeFollowUp(id: string, change: FollowUpChange): Promise<void>;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function createToolsSlice(set: SetState, get: GetState, deps: StoreDeps): ToolsSlice {
  let seq = 0;
  return {
    paletteOpen: false,
    setPaletteOpen: (open) => set({ paletteOpen: open }),
    pageKey: null,
    receivePageKey: (combo) => set({ pageKey: { combo, seq: ++seq } }),
    followUps: [],
    async loadFollowUps() {
      try {
        const { followUps } = await deps.send('followups.list', {});
        set({ followUps, followUpsError: undefined });
      } catch (err) {
        set({ followUpsError: message(err) });
      }
    },
    async addFollowUp(draft) {
      // Not optimistic: the background assigns the id and schedules the alarm; an error must
      // reach the form (which keeps what the agent typed) rather than show a reminder that won't fire.
      const { followUp } = await deps.send('followups.add', { draft });
      set((s) => ({ followUps: [...s.followUps.filter((f) => f.id !== followUp.id), followUp] }));
      return followUp;
    },
    async changeFollowUp(id, change) {
      const { followUp } = await deps.send('followups.change', { id, change });
      set((s) => ({ followUps: followUp ? s.followUps.map((f) => (f.id === id ? followUp : f)) : s.followUps.filter((f) => f.id !== id) }));
    },
  };
}
