/**
 * Clickjacking guard for the panel page. The CRM page can paint over the panel frame (even with
 * `pointer-events: none`, so the agent's click still lands on us), or make it transparent,
 * filtered or transformed, and dress a decoy over it. The browser knows what is really shown:
 * IntersectionObserver v2 (`trackVisibility`) reports `isVisible` false when anything is painted
 * over the target, or the target or any ancestor — across frames, including the CRM page's
 * <html> — has opacity below 1, a filter, or a transform other than a translation or an
 * upscale. While it says so, trusted clicks and keys in the panel are stopped in the capture
 * phase on window, before any of the panel's own handlers, and the agent is told why.
 * https://web.dev/articles/intersectionobserver-v2
 *
 * One element is observed (visibility tracking costs a hit test per frame while it changes);
 * "not known yet" at boot refuses input, but the first report comes with the first frame, before
 * the panel has anything to click.
 */

export type Visibility = 'unknown' | 'visible' | 'covered';

export interface VisibilityGuard {
  state(): Visibility;
  /** Whether the agent's input may act now. A refusal is remembered, so the notice can say why. */
  allows(): boolean;
  /** True while the notice should show: covered, or an input refused while settling. */
  noticeShown(): boolean;
  subscribe(listener: () => void): () => void;
  dispose(): void;
}

/** The smallest delay visibility tracking accepts: reports come at most this often. */
const DELAY_MS = 100;
/**
 * Once uncovered, the panel must stay visible this long before input counts again: a page that
 * lifts its decoy between the two clicks of a double click must not get the second. Chromium's
 * own permission prompts ignore input for 500 ms after they appear for the same reason.
 */
export const SETTLE_MS = 500;

/** Trusted input that can make the panel act. Wheel and focus are left alone: they change nothing. */
const GUARDED = [
  'pointerdown',
  'pointerup',
  'mousedown',
  'mouseup',
  'click',
  'dblclick',
  'auxclick',
  'contextmenu',
  'keydown',
  'keypress',
  'keyup',
  'beforeinput',
  'paste',
  'drop',
];

type ObserverCtor = typeof IntersectionObserver;

export function createVisibilityGuard(win: Window, target: Element, opts: { Observer?: ObserverCtor; now?: () => number } = {}): VisibilityGuard {
  const now = opts.now ?? (() => win.performance.now());
  const Observer = opts.Observer ?? (win as unknown as { IntersectionObserver: ObserverCtor }).IntersectionObserver;
  let state: Visibility = 'unknown';
  let since = -Infinity; // when it last became visible after being covered
  let refused = false;
  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  const listeners = new Set<() => void>();
  const emit = () => listeners.forEach((l) => l());
  const settling = () => state === 'visible' && now() - since < SETTLE_MS;

  // Whether a real click or key would act now ("open") or is held ("held": covered, not yet
  // seen, or settling): the attack tests and any test that switches tabs wait on it.
  const mark = () => target.setAttribute('data-cc-input', state === 'visible' && !settling() ? 'open' : 'held');
  target.setAttribute('data-cc-input', 'held');

  const set = (visible: boolean, at: number) => {
    const next: Visibility = visible ? 'visible' : 'covered';
    if (next === state) return;
    // Seen first as visible: nothing was lifted off the panel, so no settling at boot.
    since = visible && state === 'covered' ? at : -Infinity;
    state = next;
    target.setAttribute('data-cc-visibility', next); // for the attack tests, and devtools
    if (!visible) refused = false;
    clearTimeout(settleTimer);
    if (settling()) settleTimer = setTimeout(() => ((refused = false), mark(), emit()), Math.max(0, since + SETTLE_MS - now()));
    mark();
    emit();
  };

  const observer = new Observer(
    (entries) => {
      const last = entries[entries.length - 1];
      // `isVisible` is missing where v2 is not implemented (Firefox): nothing there can tell a
      // covered frame, so the panel works as before rather than not at all.
      if (last) set((last as IntersectionObserverEntry & { isVisible?: boolean }).isVisible ?? last.isIntersecting, last.time);
    },
    { trackVisibility: true, delay: DELAY_MS } as IntersectionObserverInit,
  );
  observer.observe(target);

  const guard: VisibilityGuard = {
    state: () => state,
    allows() {
      if (state === 'visible' && !settling()) return true;
      if (!refused) {
        refused = true;
        emit();
      }
      return false;
    },
    noticeShown: () => state === 'covered' || (refused && settling()),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      observer.disconnect();
      clearTimeout(settleTimer);
      GUARDED.forEach((type) => win.removeEventListener(type, stop, true));
      listeners.clear();
    },
  };
  // Only trusted input: the panel's own code may click its own controls (a shortcut that ticks).
  function stop(e: Event) {
    if (!e.isTrusted || guard.allows()) return;
    e.preventDefault();
    e.stopImmediatePropagation();
  }
  GUARDED.forEach((type) => win.addEventListener(type, stop, true));
  return guard;
}

let installed: VisibilityGuard | undefined;

/** The panel page's guard, observing its root element; called once, before the first render. */
export function installVisibilityGuard(win: Window = window): VisibilityGuard {
  installed ??= createVisibilityGuard(win, win.document.documentElement);
  return installed;
}

/** The installed guard, if any (none in unit tests of components: input then always acts). */
export const visibilityGuard = (): VisibilityGuard | undefined => installed;
