/**
 * What the agent really did in this frame, so that a focus change can be told apart from one a
 * page script made. `el.focus()` called by a page script fires a *trusted* focusin (isTrusted
 * only says the browser dispatched it), so a trusted focusin alone proves nothing: a field is
 * vouched for only if the agent's own pointer went down on or into it (or on its <label>), or
 * focus moved during the agent's own Tab navigation. Synthetic events (isTrusted false) never
 * count. Runs in every frame's content script: dependency-free and small.
 */

export interface RealInput {
  /**
   * True if focus arriving at `el` now follows the agent's own pointer or Tab key. Each press or
   * Tab vouches for one focus change only (asked once per focusin), so a script focusing a field
   * again later, after the agent has gone to another frame, is not taken for the agent.
   */
  takeVouch(el: Element): boolean;
  dispose(): void;
}

/** Sequential focus navigation is the default action of the Tab keydown: it lands at once. */
const TAB_MS = 500;

/**
 * A frame whose whole body is the editor (TinyMCE's classic iframe, designMode documents): a
 * press below the text lands on <html>, and the browser's default action focuses the body.
 */
const editorBody = (el: Element) => el === el.ownerDocument.body && (el as HTMLElement).isContentEditable;

export function trackRealInput(win: Window, isReal: (e: Event) => boolean = (e) => e.isTrusted): RealInput {
  // The composed path of the agent's last press: the field, its editing host, its label.
  let pressed: readonly EventTarget[] = [];
  let tabAt = -Infinity;
  const pressedPageOf = (el: Element) => editorBody(el) && pressed[0] === el.ownerDocument.documentElement;
  const onPress = (e: Event) => {
    if (!isReal(e)) return;
    pressed = e.composedPath();
    tabAt = -Infinity;
  };
  const onKey = (e: KeyboardEvent) => {
    if (!isReal(e)) return;
    tabAt = e.key === 'Tab' ? performance.now() : -Infinity;
  };
  const onKeyUp = (e: KeyboardEvent) => {
    if (isReal(e) && e.key === 'Tab') tabAt = -Infinity;
  };
  // Focus left this frame (for the panel, another frame): a press made here is over. Clearing
  // is always safe, so even a forged blur only costs the page its own insert.
  const onBlur = (e: Event) => {
    if (e.target === win) pressed = [];
  };
  // Capture on window: before any listener the page adds to its document or fields. A page that
  // stops these earlier on window only loses its own inserts (nothing is vouched for).
  win.addEventListener('pointerdown', onPress, true);
  win.addEventListener('mousedown', onPress, true);
  win.addEventListener('keydown', onKey, true);
  win.addEventListener('keyup', onKeyUp, true);
  win.addEventListener('blur', onBlur, true);
  return {
    takeVouch(el) {
      const ok = performance.now() - tabAt < TAB_MS || pressed.some((n) => n === el || (n as HTMLLabelElement).control === el) || pressedPageOf(el);
      pressed = [];
      tabAt = -Infinity;
      return ok;
    },
    dispose() {
      win.removeEventListener('pointerdown', onPress, true);
      win.removeEventListener('mousedown', onPress, true);
      win.removeEventListener('keydown', onKey, true);
      win.removeEventListener('keyup', onKeyUp, true);
      win.removeEventListener('blur', onBlur, true);
      pressed = [];
    },
  };
}
