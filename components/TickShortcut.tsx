/**
 * The tick shortcut (Alt+X by default): ticks the focused checklist item, or else the first
 * open item of the step, and puts the focus on it so the next Space works on from there.
 */
import type { Step } from '@/lib/pack/schema';
import { usePanelStore } from '@/lib/store/use-store';
import { useShortcuts } from './panel-shortcuts';
import { useActiveRun } from './use-run';

export function TickShortcut({ step }: { step: Step }) {
  const store = usePanelStore();
  const active = useActiveRun();
  useShortcuts({
    tick: () => {
      const focused = document.activeElement;
      // A focused box toggles the way Space does (ChecklistRow keeps box and run in step).
      if (focused instanceof HTMLInputElement && focused.type === 'checkbox' && focused.id.startsWith('cc-item-')) return focused.click();
      const run = active?.run;
      const item = step.checklist?.find((i) => run && !Object.hasOwn(run.ticks, i.id) && !Object.hasOwn(run.skips, i.id));
      if (!item) return;
      store.getState().dispatch({ type: 'tick', itemId: item.id });
      document.getElementById(`cc-item-${item.id}`)?.focus();
    },
  });
  return null;
}
