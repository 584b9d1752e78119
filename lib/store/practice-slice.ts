/**
 * Practice in the panel (issue 13.4). On the practice page every contact is a practice one:
 * kept in this panel's memory only (never sent to be stored), scored when it ends. A release
 * drill runs the release's changed steps as a procedure of their own (lib/coaching/drill.ts),
 * added to this panel's in-memory copy of the pack; completing it acknowledges the release once
 * the background has checked the drill run it kept (lib/background/practice.ts).
 */
import { startRun } from '../engine';
import type { Run } from '../engine/run';
import { drillProcedure, type DrillOffer } from '../coaching/drill';
import { scorePractice, type Score } from '../coaching/score';
import type { GetState, SetState, StoreDeps } from './panel-store';
import { packKey } from './pack-key';

export interface PracticeMeta {
  kind: 'scenario' | 'drill';
  packId: string;
  version: number;
  /** The pack's own procedure (a drill runs under `drill.<id>`). */
  procedureId: string;
  scenarioId?: string;
  /** Phrase ids inserted or copied: "the standard wording" check. */
  used: string[];
}
export interface PracticeResult {
  meta: PracticeMeta;
  score: Score;
  /** For a drill: whether the release now counts as acknowledged, or why not. */
  drill?: { acked: boolean; error?: string };
}

export interface PracticeSlice {
  /** True when this panel is on the practice page (the background says so in state.load). */
  practice: boolean;
  practiceRuns: Record<string, PracticeMeta>;
  practiceResult: PracticeResult | null;
  startScenario(packId: string, procedureId: string, scenarioId: string): void;
  startDrill(offer: DrillOffer): void;
  notePhraseUsed(phraseId: string): void;
  finishPractice(run: Run): void;
  closePracticeResult(): void;
  /** Opens the practice page in a new tab (a release whose pack requires its drill). */
  openPractice(): Promise<void>;
}

export function createPracticeSlice(set: SetState, get: GetState, deps: StoreDeps): PracticeSlice {
  function begin(meta: Omit<PracticeMeta, 'used'>, runProcedureId: string) {
    const pack = get().packs[packKey(meta.packId, meta.version)];
    const procedure = pack?.procedures.find((p) => p.id === runProcedureId);
    if (!pack || !procedure) return;
    const run = startRun(procedure, pack, { id: `practice-${deps.newId()}`, at: deps.now() });
    set((s) => ({
      runs: { ...s.runs, [run.id]: run },
      activeRunId: run.id,
      practiceRuns: { ...s.practiceRuns, [run.id]: { ...meta, used: [] } },
      practiceResult: null,
      blocked: null,
    }));
  }
  return {
    practice: false,
    practiceRuns: {},
    practiceResult: null,
    startScenario(packId, procedureId, scenarioId) {
      const version = get().latest[packId];
      if (version !== undefined) begin({ kind: 'scenario', packId, version, procedureId, scenarioId }, procedureId);
    },
    startDrill(offer) {
      const key = packKey(offer.packId, offer.version);
      const pack = get().packs[key];
      const procedure = pack?.procedures.find((p) => p.id === offer.procedureId);
      const drill = procedure && drillProcedure(procedure, offer.stepIds);
      if (!pack || !drill) return;
      const procedures = [...pack.procedures.filter((p) => p.id !== drill.id), drill];
      set((s) => ({ packs: { ...s.packs, [key]: { ...pack, procedures } } }));
      begin({ kind: 'drill', packId: offer.packId, version: offer.version, procedureId: offer.procedureId }, drill.id);
    },
    notePhraseUsed(phraseId) {
      const id = get().activeRunId;
      const meta = id ? get().practiceRuns[id] : undefined;
      if (!id || !meta || meta.used.includes(phraseId)) return;
      set((s) => ({ practiceRuns: { ...s.practiceRuns, [id]: { ...meta, used: [...meta.used, phraseId] } } }));
    },
    finishPractice(run) {
      const meta = get().practiceRuns[run.id];
      const procedure = get().packs[packKey(run.packId, run.packVersion)]?.procedures.find((p) => p.id === run.procedureId);
      if (!meta || !procedure) return;
      const result: PracticeResult = { meta, score: scorePractice(run, procedure, new Set(meta.used)) };
      if (meta.kind === 'drill') result.drill = { acked: false };
      set({ practiceResult: result, activeRunId: null });
      if (meta.kind !== 'drill') return;
      // The background acknowledges from the finished run it kept, not from this message.
      const done = { packId: meta.packId, version: meta.version, procedureId: meta.procedureId, runId: run.id };
      void deps
        .send('practice.drillRun', { run })
        .then(() => deps.send('practice.drillDone', done))
        .then(
          () => set({ practiceResult: { ...result, drill: { acked: true } } }),
          (err: unknown) => set({ practiceResult: { ...result, drill: { acked: false, error: err instanceof Error ? err.message : String(err) } } }),
        );
    },
    closePracticeResult: () => set({ practiceResult: null }),
    openPractice: async () => void (await deps.send('practice.open', {})),
  };
}
