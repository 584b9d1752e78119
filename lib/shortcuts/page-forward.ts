/**
 * In the CRM page (content script): take the panel's Alt shortcuts before the page's own
 * handlers see them, and hand them on. Only real key presses count — a page script can
 * dispatch a fake Alt+N, and must not be able to drive the panel with it.
 */
import { comboFromEvent } from './combo';

export interface PageForwarder {
  setCombos(combos: readonly string[]): void;
  dispose(): void;
}

export function forwardPageKeys(win: Window, deliver: (combo: string) => void, isReal: (e: KeyboardEvent) => boolean = (e) => e.isTrusted): PageForwarder {
  let combos = new Set<string>();
  // The key whose keyup we swallow too, so the page sees neither half of a taken shortcut.
  let taken: string | undefined;
  const onDown = (e: KeyboardEvent) => {
    if (!e.altKey || combos.size === 0 || !isReal(e)) return;
    const combo = comboFromEvent(e);
    if (!combo || !combos.has(combo)) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    taken = e.code;
    if (!e.repeat) deliver(combo);
  };
  const onUp = (e: KeyboardEvent) => {
    // A fake keyup must not end the swallowing early, letting the real one reach the page.
    if (taken === undefined || e.code !== taken || !isReal(e)) return;
    taken = undefined;
    e.preventDefault();
    e.stopImmediatePropagation();
  };
  // Capture on window: before any listener the page can add to document or its fields.
  win.addEventListener('keydown', onDown, true);
  win.addEventListener('keyup', onUp, true);
  return {
    setCombos: (list) => void (combos = new Set(list)),
    dispose() {
      win.removeEventListener('keydown', onDown, true);
      win.removeEventListener('keyup', onUp, true);
    },
  };
}
