/**
 * Which changed phrases an agent must read before a step is shown, and the bookkeeping of
 * "I've read the new wording". Phrase ids are unique within a procedure (lib/pack/check.ts),
 * so a phrase is named by procedure id + phrase id.
 */
import type { ItemDiff, PackDiff } from '../pack/diff';

export interface AckRow {
  packId: string;
  /** The pack version whose wording was read. */
  version: number;
  procedureId: string;
  phraseId: string;
  ackedAt: number;
}

export interface PhraseChange {
  procedureId: string;
  stepId: string;
  phrase: ItemDiff;
}

export const phraseKey = (procedureId: string, phraseId: string) => `${procedureId}/${phraseId}`;

/**
 * Phrases whose wording is new to an agent who knew the previous version: reworded ones,
 * and ones added to a step that already existed. A label-only or channel-only change does
 * not count; a whole new step is announced as a step, not phrase by phrase.
 */
export function changedPhrases(diff: PackDiff): PhraseChange[] {
  return diff.procedures.flatMap((proc) =>
    proc.status !== 'changed'
      ? []
      : proc.steps.flatMap((step) =>
          step.status !== 'changed'
            ? []
            : step.phrases
                .filter((p) => p.status === 'added' || (p.status === 'changed' && p.text.some((t) => t.field === 'text')))
                .map((phrase) => ({ procedureId: proc.id, stepId: step.id, phrase })),
        ),
  );
}

/** The changes on one step the agent has not acknowledged yet. */
export function pendingForStep(
  diff: PackDiff | null | undefined,
  procedureId: string,
  stepId: string,
  acked: Readonly<Record<string, number>>,
): PhraseChange[] {
  if (!diff) return [];
  return changedPhrases(diff).filter((c) => c.procedureId === procedureId && c.stepId === stepId && acked[phraseKey(procedureId, c.phrase.id)] === undefined);
}

export function ackRows(packId: string, version: number, procedureId: string, phraseIds: readonly string[], at: number): AckRow[] {
  return [...new Set(phraseIds)].map((phraseId) => ({ packId, version, procedureId, phraseId, ackedAt: at }));
}

/** phraseKey → when it was read, the earliest acknowledgement winning. */
export function ackedMap(rows: readonly AckRow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) {
    const k = phraseKey(r.procedureId, r.phraseId);
    out[k] = Math.min(out[k] ?? Infinity, r.ackedAt);
  }
  return out;
}
