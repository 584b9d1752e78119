/**
 * One saving action's state for the status beside it: busy, saved ✓, or the error with a
 * retry that runs the same work again. The caller's form state is never touched, so what
 * the agent typed survives a failure.
 */
import { useCallback, useState } from 'preact/hooks';
import { errorText } from '@/lib/options/errors';
import { useOptions } from './options-context';

export type ActionState = { phase: 'idle' } | { phase: 'busy' } | { phase: 'done' } | { phase: 'error'; error: string; retry: () => void };

export function useAction() {
  const { lang } = useOptions();
  const [state, setState] = useState<ActionState>({ phase: 'idle' });
  const run = useCallback(
    async function run(work: () => Promise<unknown>): Promise<boolean> {
      setState({ phase: 'busy' });
      try {
        await work();
        setState({ phase: 'done' });
        return true;
      } catch (err) {
        setState({ phase: 'error', error: errorText(err, lang), retry: () => void run(work) });
        return false;
      }
    },
    [lang],
  );
  const reset = useCallback(() => setState({ phase: 'idle' }), []);
  return { state, run, reset };
}
