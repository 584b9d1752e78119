/**
 * Values shown at once while their save is on the way: a radio or a checkbox the agent clicked
 * stays as clicked, instead of flicking back to the stored value until the background answers.
 * When the save ends the stored value is the truth again (the new one, or the old one if the
 * save failed, whose error the action's status shows).
 */
import { useState } from 'preact/hooks';

export function usePending<T extends object>(stored: T) {
  const [pending, setPending] = useState<Partial<T>>({});
  const shown: T = { ...stored, ...pending };
  const apply = async (patch: Partial<T>, save: () => Promise<unknown>) => {
    setPending((p) => ({ ...p, ...patch }));
    try {
      await save();
    } finally {
      setPending((p) => {
        const next = { ...p };
        for (const key of Object.keys(patch) as (keyof T)[]) delete next[key];
        return next;
      });
    }
  };
  return [shown, apply] as const;
}
