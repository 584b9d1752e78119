/**
 * Remembers the field the agent typed in last, and where its caret was, so that text chosen in
 * the panel lands at that caret even though clicking the panel (an iframe) took focus away.
 * Runs in every frame's content script: keep it dependency-free and small.
 */

import { trackRealInput } from './real-input';

/** A text field (its selection as offsets) or a contenteditable editing host (a cloned Range). */
export type Editable =
  { kind: 'field'; el: HTMLInputElement | HTMLTextAreaElement; start: number; end: number } | { kind: 'rich'; el: HTMLElement; range: Range | null };

export interface FocusTracker {
  /** The last focused editable with its latest known selection, or null if none yet. */
  last(): Editable | null;
  /**
   * True when the agent's last field is one Cuecard cannot see (inside a CLOSED shadow root):
   * then there is no target, and an insert must be refused, not sent to an earlier field.
   */
  opaque(): boolean;
  dispose(): void;
}

// Input types that hold free text. Password is left out on purpose: we never write into it.
// Unknown types read back as "text", so `type` alone is enough.
const TEXT_TYPES = /^(text|search|tel|url|email)$/;
const FRAME_TAGS = /^(IFRAME|FRAME|OBJECT|EMBED)$/;
// Our own panel host (<cuecard-panel>, #cuecard-root, …) must never become the insert target.
const OURS = /cuecard/i;

const isOurs = (n: EventTarget): boolean => {
  const el = n as Element;
  return el.nodeType === 1 && OURS.test(el.tagName + ' ' + el.id);
};

/** The element or any ancestor, across shadow boundaries, is our panel's (what composedPath shows). */
function insideOurs(el: Element): boolean {
  for (let n: Node | null = el; n; n = n.parentNode ?? (n as ShadowRoot).host ?? null) if (isOurs(n)) return true;
  return false;
}

/** Classifies a node as an editable we may insert into, or null. */
export function toEditable(node: EventTarget | null | undefined): Editable | null {
  const el = node as HTMLElement | null;
  if (!el || el.nodeType !== 1) return null;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || (tag === 'INPUT' && TEXT_TYPES.test((el as HTMLInputElement).type))) {
    const ed: Editable = { kind: 'field', el: el as HTMLInputElement, start: 0, end: 0 };
    snapshot(ed);
    return ed;
  }
  if (!el.isContentEditable) return null;
  // Focus can report a descendant of the editing host; the host is what keeps its identity.
  let host = el;
  while (host.parentElement?.isContentEditable) host = host.parentElement;
  const ed: Editable = { kind: 'rich', el: host, range: null };
  snapshot(ed);
  return ed;
}

/** The selection object that can see inside `el`'s shadow tree (Chrome retargets document's). */
export function selectionFor(el: Node): Selection | null {
  const root = el.getRootNode() as Partial<{ getSelection(): Selection | null }>;
  return root.getSelection?.() ?? el.ownerDocument?.getSelection() ?? null;
}

type ShadowApi = { dom?: { openOrClosedShadowRoot?(el: Element): ShadowRoot | null } };

/**
 * The element hosts a CLOSED shadow root (focus or typing inside it is retargeted to the host,
 * so composedPath()[0] is the host). Content scripts can ask chrome.dom / Firefox's
 * openOrClosedShadowRoot; elsewhere a custom element without an open root that took the focus
 * although it is not focusable itself is taken for one.
 */
export function isClosedShadowHost(el: Element): boolean {
  if (el.shadowRoot) return false;
  const g = globalThis as unknown as { chrome?: ShadowApi; browser?: ShadowApi };
  const api = g.chrome?.dom?.openOrClosedShadowRoot ? g.chrome.dom : g.browser?.dom?.openOrClosedShadowRoot ? g.browser.dom : null;
  const viaApi = api ? api.openOrClosedShadowRoot!(el) : (el as Element & { openOrClosedShadowRoot?: ShadowRoot | null }).openOrClosedShadowRoot;
  if (viaApi !== undefined) return viaApi !== null;
  return el.localName.includes('-') && (el as HTMLElement).tabIndex < 0;
}

/** Focused element, looking through open shadow roots. */
export function deepActiveElement(doc: Document): Element | null {
  let a = doc.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

/** Copies the element's current selection into `ed` (no-op if the selection is elsewhere). */
function snapshot(ed: Editable): void {
  if (ed.kind === 'field') {
    const { el } = ed;
    // selectionStart is null for types without a selection API (email): fall back to the end.
    ed.start = el.selectionStart ?? el.value.length;
    ed.end = el.selectionEnd ?? ed.start;
    return;
  }
  const sel = selectionFor(ed.el);
  const r = sel && sel.rangeCount ? sel.getRangeAt(0) : null;
  // A clone, because the live Range follows the selection once the agent clicks elsewhere.
  if (r && ed.el.contains(r.startContainer) && ed.el.contains(r.endContainer)) ed.range = r.cloneRange();
}

export interface FocusTrackerOptions {
  /** Whether an event came from the agent (tests stand in for isTrusted, which they cannot set). */
  isReal?: (e: Event) => boolean;
}

/**
 * Follows the agent's field. Only the agent moves the target: a trusted focusin counts when the
 * agent's own press or Tab led to it (./real-input.ts), and a field the agent types in counts
 * (typing proves where the caret is). Focus a page script moves elsewhere forgets the target
 * instead, so an insert is refused ("click into a field first") rather than sent to a field the
 * agent did not choose, such as a hidden textarea. `onFocus` claims the tab's insert target for
 * this frame; it is called only for the agent's own focus, so a frame whose script merely calls
 * focus() cannot take the target from the frame the agent really used.
 */
export function createFocusTracker(doc: Document, onFocus?: (info: Editable | null) => void, opts: FocusTrackerOptions = {}): FocusTracker {
  const isReal = opts.isReal ?? ((e: Event) => e.isTrusted);
  const win = doc.defaultView ?? window;
  const real = trackRealInput(win, isReal);
  let cur: Editable | null = null;
  // The agent is in a field inside a closed shadow root: no target until they leave it.
  let hidden = false;
  let seen: Event | null = null;
  // The element this frame last claimed the target for, until focus leaves it.
  let claimed: Element | null = null;
  const roots = new Set<ShadowRoot>();
  const adopt = (ed: Editable): void => {
    cur = ed;
    hidden = false;
    claimed = ed.el;
    onFocus?.(ed);
  };
  // The agent chose a field we cannot see into: forget the earlier one, and claim the tab's
  // target for this frame so the insert is refused here rather than sent to another frame.
  const blind = (host: Element, claim: boolean): void => {
    cur = null;
    hidden = true;
    if (claim && claimed !== host) {
      claimed = host;
      onFocus?.(null);
    }
  };

  // composedPath()[0] is the real target inside OPEN shadow roots; event.target would be the
  // host. Closed shadow roots stay opaque (the host is not editable, so it is ignored).
  const onFocusIn = (e: Event): void => {
    if (e === seen || !isReal(e)) return; // heard on the document and on a shadow root
    seen = e;
    const path = e.composedPath();
    watchShadowRoots(path);
    if (path.some(isOurs)) return;
    const first = path[0] as Element;
    if (first?.nodeType === 1 && isClosedShadowHost(first)) return blind(first, real.takeVouch(first));
    if (intoFrame(first)) return;
    const ed = toEditable(first);
    if (!ed) return; // focusing a button or the panel must not forget the last field
    if (real.takeVouch(ed.el)) adopt(ed);
    else if (ed.el !== cur?.el) cur = claimed = null;
  };
  // The agent typing in a field is where the caret is, however focus got there (a CRM that
  // moves focus on Enter, a field focused before this script arrived).
  const onKeyDown = (e: KeyboardEvent): void => {
    if (!isReal(e)) return;
    const path = e.composedPath();
    if (path[0] === claimed || path.some(isOurs)) return;
    const first = path[0] as Element;
    if (first?.nodeType === 1 && isClosedShadowHost(first)) return blind(first, true);
    const ed = toEditable(first);
    if (ed) adopt(ed.el === cur?.el ? cur : ed);
  };
  // Saved while the caret is still in the field: once the panel iframe has focus, a
  // contenteditable's document selection may be gone or changed by the page.
  const save = (): void => {
    if (cur) snapshot(cur);
  };
  const onFocusOut = (e: Event): void => {
    claimed = null; // focus is leaving: another frame may claim the target meanwhile
    save();
    // Chrome fires no focusin on an <iframe> the agent clicks into; the document's active
    // element says where focus went once the move is done.
    if (isReal(e)) win.setTimeout(() => intoFrame(deepActiveElement(doc)), 0);
  };
  // Focus went into a frame: that frame's own script claims the target if it has one; if it has
  // none (a frame the page wrote itself, like TinyMCE's), the agent's field there is not one we
  // can see, and the phrase must not go to the field they left here.
  // Only when the agent's pointer is over that frame (the parent sees a trusted pointerover on
  // the frame element when it enters): a frame's script focusing its own field must not cost the
  // agent the field they chose here (test/e2e/attacks-page.e2e.ts).
  let overFrame: EventTarget | null = null;
  const onPointerOver = (e: Event): void => {
    if (isReal(e)) overFrame = e.composedPath()[0] ?? null;
  };
  const intoFrame = (el: Element | null | undefined): boolean => {
    if (!el || el !== overFrame || !FRAME_TAGS.test(el.nodeName) || insideOurs(el)) return false;
    cur = claimed = null;
    return true;
  };
  const onSelectionChange = (): void => {
    if (cur?.kind === 'rich') snapshot(cur);
  };
  // Focus moving between two elements of the same shadow root is not dispatched to the
  // document at all (target and relatedTarget retarget to the same host; DOM spec, "dispatch"),
  // so every shadow root that focus has entered gets its own listeners.
  const listen = (t: Document | ShadowRoot, add: boolean): void => {
    const method = add ? 'addEventListener' : 'removeEventListener';
    t[method]('focusin', onFocusIn, true);
    t[method]('focusout', onFocusOut, true);
  };
  const watchShadowRoots = (path: EventTarget[]): void => {
    for (const n of path) {
      const root = n as ShadowRoot;
      if (root.nodeType !== 11 || !root.host || roots.has(root)) continue;
      roots.add(root);
      listen(root, true);
    }
  };

  listen(doc, true);
  doc.addEventListener('keydown', onKeyDown, true);
  doc.addEventListener('selectionchange', onSelectionChange, true);
  win.addEventListener('pointerover', onPointerOver, true);
  // The script arrives after the page has loaded: the agent may already be in a field. Taken
  // only if this frame has focus and the agent has interacted with it (sticky user activation,
  // which page scripts cannot grant): a frame added by a script that focused its own field at
  // load must not claim the target. The insert still checks the field is visible (./insert.ts).
  let active = doc.activeElement;
  const shadowPath: ShadowRoot[] = [];
  while (active?.shadowRoot?.activeElement) {
    shadowPath.push(active.shadowRoot);
    active = active.shadowRoot.activeElement;
  }
  watchShadowRoots(shadowPath);
  const activated = (win.navigator as Partial<{ userActivation: { hasBeenActive: boolean } }>).userActivation?.hasBeenActive ?? false;
  const initial = active && !insideOurs(active) && doc.hasFocus() && activated ? toEditable(active) : null;
  if (initial) adopt(initial);
  return {
    last() {
      if (cur && deepActiveElement(doc) === cur.el) save(); // still focused: the live caret wins
      return cur;
    },
    opaque: () => hidden,
    dispose() {
      listen(doc, false);
      roots.forEach((r) => listen(r, false));
      roots.clear();
      doc.removeEventListener('keydown', onKeyDown, true);
      doc.removeEventListener('selectionchange', onSelectionChange, true);
      win.removeEventListener('pointerover', onPointerOver, true);
      real.dispose();
      cur = claimed = null;
      hidden = false;
    },
  };
}
