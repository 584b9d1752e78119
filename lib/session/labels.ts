/**
 * Run labels ("Mr Wang, chat #88123") name a customer, so they never reach the disk: the
 * background keeps them in chrome.storage.session (memory only, gone when the browser
 * closes, out of reach of content scripts) and stores runs in Dexie without them. They are
 * put back on runs sent to the panel, and never exported, copied into follow-ups or shown in
 * notifications. The cost: after a browser restart an open run shows its procedure instead
 * of its label, while every step and tick survives.
 */
import type { Run } from '../engine/run';
import type { SessionArea } from './area';

const PREFIX = 'label:';

/** The run as stored on disk: without its label. */
export function withoutLabel(run: Run): Run {
  if (run.label === undefined) return run;
  const { label: _label, ...rest } = run;
  return rest;
}

/** Remembers the label of a run (or forgets it when the run has none). */
export async function saveLabel(area: SessionArea, run: Run): Promise<void> {
  if (run.label) await area.set({ [PREFIX + run.id]: run.label });
  else await area.remove(PREFIX + run.id);
}

export async function forgetLabel(area: SessionArea, runId: string): Promise<void> {
  await area.remove(PREFIX + runId);
}

/** The runs with the labels this browser session knows put back. */
export async function withLabels(area: SessionArea, runs: Run[]): Promise<Run[]> {
  if (!runs.length) return runs;
  const held = await area.get(runs.map((r) => PREFIX + r.id));
  return runs.map((r) => {
    const label = held[PREFIX + r.id];
    return typeof label === 'string' && label ? { ...r, label } : withoutLabel(r);
  });
}

/** Runs as a file leaves the browser with them: without labels (a file outlives the session). */
export function exportableRuns(runs: Run[]): Run[] {
  return runs.map(withoutLabel);
}
