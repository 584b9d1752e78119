/**
 * Fading guidance in the panel (issue 13.3): the per-step counts the background keeps, per
 * procedure, and the steps whose full guidance the agent asked for in this panel.
 */
import type { CoachingStat } from '../coaching/fade';
import type { GetState, SetState, StoreDeps } from './panel-store';

export interface CoachingSlice {
  /** `packId@version/procedureId` → step id → stat; a key is present once loaded (maybe empty). */
  coachingStats: Record<string, Record<string, CoachingStat>>;
  /** Steps (`procedureId/stepId`) the agent expanded with "Show full guidance". */
  fullGuidance: Record<string, true>;
  loadCoaching(packId: string, version: number, procedureId: string): Promise<void>;
  /** Counts changed (a contact finished): read them again when next needed. */
  forgetCoaching(): void;
  toggleFullGuidance(procedureId: string, stepId: string): void;
}

export const coachingKey = (packId: string, version: number, procedureId: string) => `${packId}@${version}/${procedureId}`;

export function createCoachingSlice(set: SetState, get: GetState, deps: StoreDeps): CoachingSlice {
  const loading = new Set<string>();
  return {
    coachingStats: {},
    fullGuidance: {},
    async loadCoaching(packId, version, procedureId) {
      const key = coachingKey(packId, version, procedureId);
      if (loading.has(key) || get().coachingStats[key]) return;
      loading.add(key);
      try {
        const { stats } = await deps.send('coaching.stats', { packId, version, procedureId });
        set((s) => ({ coachingStats: { ...s.coachingStats, [key]: Object.fromEntries(stats.map((r) => [r.stepId, r])) } }));
      } catch {
        // Fails open: without counts every step shows its full guidance.
        set((s) => ({ coachingStats: { ...s.coachingStats, [key]: {} } }));
      } finally {
        loading.delete(key);
      }
    },
    forgetCoaching: () => set({ coachingStats: {} }),
    toggleFullGuidance(procedureId, stepId) {
      const id = `${procedureId}/${stepId}`;
      set((s) => {
        const next = { ...s.fullGuidance };
        if (next[id]) delete next[id];
        else next[id] = true;
        return { fullGuidance: next };
      });
    },
  };
}
