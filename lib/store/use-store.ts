/** The one binding of the vanilla store to Preact. */
import { createContext } from 'preact';
import { useContext, useLayoutEffect, useReducer, useRef } from 'preact/hooks';
import type { PanelState, PanelStore } from './panel-store';

export const StoreContext = createContext<PanelStore | null>(null);

export function usePanel<T>(selector: (s: PanelState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('usePanel needs a StoreContext provider');
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const selected = selector(store.getState());
  const last = useRef(selected);
  last.current = selected;
  // A layout effect subscribes in the task that rendered; a plain effect waits for the next
  // frame (rAF, or a 35 ms timer), and the state that arrived meanwhile (the background's
  // answer at boot) was only shown then, a frame or more late (test/bench/panel-boot.ts).
  useLayoutEffect(() => {
    const check = (s: PanelState) => {
      if (!Object.is(selector(s), last.current)) rerender(undefined);
    };
    // The store may have changed between render and this effect: look once before listening.
    check(store.getState());
    return store.subscribe(check);
  }, [store]);
  return selected;
}

export function usePanelStore(): PanelStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('usePanelStore needs a StoreContext provider');
  return store;
}
