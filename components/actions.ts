/**
 * The panel's side effects (lib/panel-page/panel-actions.ts), injected by the panel entry so
 * components stay testable with plain fakes. Provided once by App through context.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { PanelActions } from '@/lib/panel-page/panel-actions';

export type { PanelActions };

export const ActionsContext = createContext<PanelActions | null>(null);

export function useActions(): PanelActions {
  const actions = useContext(ActionsContext);
  if (!actions) throw new Error('useActions needs an ActionsContext provider (App provides it)');
  return actions;
}
