/** The active run and what the engine needs alongside it, read from the store. */
import { useMemo } from 'preact/hooks';
import type { EngineContext } from '@/lib/engine';
import type { Run } from '@/lib/engine/run';
import type { Procedure } from '@/lib/pack/schema';
import { packKey, type PanelState } from '@/lib/store/panel-store';
import { usePanel } from '@/lib/store/use-store';

export type ActiveRun = { run: Run; procedure: Procedure; ctx: EngineContext };

// Selectors return objects already in the store, so usePanel's Object.is check stays cheap.
const selectRun = (s: PanelState) => (s.activeRunId ? s.runs[s.activeRunId] : undefined);

/** The procedure a run follows, in the pack version it started with. */
export function procedureOf(packs: PanelState['packs'], run: Run | undefined): Procedure | undefined {
  if (!run) return undefined;
  return packs[packKey(run.packId, run.packVersion)]?.procedures.find((p) => p.id === run.procedureId);
}

export function useActiveRun(): ActiveRun | undefined {
  const run = usePanel(selectRun);
  const procedure = usePanel((s) => procedureOf(s.packs, selectRun(s)));
  const mode = usePanel((s) => s.settings.mode);
  return useMemo(() => (run && procedure ? { run, procedure, ctx: { procedure, mode } } : undefined), [run, procedure, mode]);
}
