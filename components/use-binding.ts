/** The key combo an action is bound to right now (the agent may rebind keys in Options). */
import { usePanel } from '@/lib/store/use-store';
import { combosOf, effectiveBindings, type ActionId } from '@/lib/shortcuts/keymap';

export function useBinding(id: ActionId, n = 1): string {
  const text = usePanel((s) => effectiveBindings(s.settings.shortcuts)[id]);
  // The insert family binds phrase N to the same modifiers + N.
  return (id === 'insert' ? combosOf(id, text)[n - 1] : text) ?? text;
}
