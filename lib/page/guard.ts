/**
 * Guarded controls in one frame of a CRM tab (issue 13.1). While the background says a control
 * is locked (the tab's contact has not ticked identity verification), a REAL click on it is held
 * here: one capture listener on window stops it before the page's own listeners on the document
 * or the control run (stopImmediatePropagation) and cancels its default action (preventDefault,
 * so a submit button does not submit and a link does not navigate). The agent sees why, and the
 * panel opens with the way to the verification step or an override with a reason.
 *
 * Not our business: a page script calling `.click()` or dispatching its own events on the
 * control (isTrusted false). The page can always run its own code; we guard the agent's hand,
 * not the CRM's scripts. Nor can page events unlock anything: the locks and the one-click pass
 * after an override come only from the background (`apply`).
 *
 * Pick mode (issue 12) comes first: while the lead is picking in this frame, the pick click is
 * theirs, not the agent's, so guards and field checks stand down for it (`picking`). The page
 * still never sees that click: pick mode swallows it. Without this, the guard's listener (added
 * first) would stop the click before pick mode saw it, and a locked control could never be picked.
 *
 * Cost: nothing while idle. The click check walks one event's path; lock rings follow
 * re-rendered and late controls through a MutationObserver whose work is batched (one look per
 * FOLLOW_MS at most) and which exists only while something is locked. Controls inside open
 * shadow roots are held like any other (the click's composed path); their rings come when the
 * component is added, or when the agent's pointer or focus first enters it (onEnter), not from
 * a walk over the whole page at start (issue 14.5: cost that does not grow with the page). Once verified, every
 * listener and observer is removed: the CRM runs exactly as without Cuecard.
 */
import type { PageGuardState } from '../messaging/protocol';
import type { PageCheck, PageGuard } from '../guards/guard-state';
import { matchesAny } from '../context/site-match';
import { frameMatches } from './match';
import { controlOnPath, findControls, mayHold, shadowRootsUnder, type Scope } from './guard-find';
import { createGuardUi } from './guard-ui';
import { createFieldCheck } from './field-check';

/** A pass after an override lasts this long: the agent clicks again at once, or it is gone. */
export const PASS_MS = 60_000;
const FOLLOW_MS = 200;

export type GuardSend = {
  held(kind: 'guard' | 'check', target: string, rules?: string[]): void;
};

export interface PageGuards {
  apply(state: PageGuardState, pass?: { kind: 'guard' | 'check'; target: string }): void;
  dispose(): void;
}

/** `picking` says whether pick mode is on in this frame (see the header). */
export function createPageGuards(win: Window, send: GuardSend, picking: () => boolean = () => false): PageGuards {
  const doc = win.document;
  const ui = createGuardUi(doc);
  let guards: PageGuard[] = [];
  let checks: PageCheck[] = [];
  let words: PageGuardState['words'] | undefined;
  let section: string | undefined;
  const passes = new Map<string, number>();
  const roots = new Set<ShadowRoot>();
  let observer: MutationObserver | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let listening = false;
  const fieldCheck = createFieldCheck(doc, ui, (target, rules) => send.held('check', target, rules));

  const takePass = (key: string) => {
    const until = passes.get(key);
    passes.delete(key);
    return until !== undefined && until > Date.now();
  };

  function hold(e: Event) {
    e.preventDefault();
    e.stopImmediatePropagation();
  }

  function onClick(e: MouseEvent) {
    // Only the agent's own clicks (and keyboard activations, which the browser also marks
    // trusted). A page's .click() or dispatchEvent is the page's business: see the header.
    if (!e.isTrusted || picking()) return;
    const path = e.composedPath();
    for (const guard of guards) {
      const el = controlOnPath(path, guard);
      if (!el) continue;
      if (takePass(`guard:${guard.id}`)) return ui.say(null);
      hold(e);
      const text = section ? words!['guard.lockedAt'].replace('{section}', section) : words!['guard.locked'];
      ui.say(el, `${text} — ${guard.name}`);
      send.held('guard', guard.id);
      return;
    }
    for (const check of checks) {
      const el = controlOnPath(path, check.submit);
      if (!el) continue;
      if (takePass(`check:${check.id}`)) return fieldCheck.clear();
      if (fieldCheck.run(check, el, words!) === 'hold') hold(e);
      return;
    }
  }

  function drawLocks() {
    if (!guards.length) return ui.locks([], '');
    const scopes: Scope[] = [doc, ...roots];
    ui.locks(findControls(scopes, guards), words!['guard.marker']);
  }

  // Only mutations that may bring a guarded control (or a shadow root) cost a redraw: a busy
  // page's churn of rows and text is looked at node by node, never by querying the document,
  // and only once per FOLLOW_MS, for the nodes still on the page then (rows a page adds and
  // takes away again in between cost nothing).
  let added: Node[] = [];
  let removed = false;
  function follow(records: MutationRecord[]) {
    for (const r of records) {
      if (r.removedNodes.length) removed = true;
      for (const n of Array.from(r.addedNodes)) if (n.nodeType === 1) added.push(n);
    }
    if (timer === undefined && (added.length || removed)) timer = setTimeout(settle, FOLLOW_MS);
  }
  function settle() {
    timer = undefined;
    let relevant = false;
    for (const n of added) {
      if (!n.isConnected) continue;
      const before = roots.size;
      shadowRootsUnder(n, roots);
      if (roots.size !== before) {
        relevant = true;
        for (const root of roots) observer?.observe(root, { childList: true, subtree: true });
      }
      if (!relevant && guards.some((g) => mayHold(n, g))) relevant = true;
    }
    added = [];
    if (relevant) drawLocks();
    else if (removed) ui.place(); // rings of controls that went away go with them
    removed = false;
  }

  const onPlace = () => ui.place();
  // Open shadow roots the agent's pointer or focus goes into (a click's own path would be too
  // late for its ring). Found this way, and through the observer for components added later,
  // rather than by visiting the page's every element at start: that cost what the page holds
  // (~17 ms on the 10,000-row page), this what the agent touches.
  function onEnter(e: Event) {
    let found = false;
    for (const n of e.composedPath()) {
      const root = n as ShadowRoot;
      if (root.nodeType !== 11 || !root.host || roots.has(root)) continue;
      roots.add(root);
      shadowRootsUnder(root, roots);
      found = true;
    }
    if (!found) return;
    for (const root of roots) observer?.observe(root, { childList: true, subtree: true });
    drawLocks();
  }

  function start() {
    if (!listening) {
      win.addEventListener('click', onClick, true);
      listening = true;
    }
  }

  function stopLocks() {
    observer?.disconnect();
    observer = null;
    clearTimeout(timer);
    timer = undefined;
    added = [];
    removed = false;
    win.removeEventListener('scroll', onPlace, true);
    win.removeEventListener('resize', onPlace);
    win.removeEventListener('pointerover', onEnter, true);
    win.removeEventListener('focusin', onEnter, true);
    ui.locks([], '');
  }

  function stop() {
    stopLocks();
    if (listening) win.removeEventListener('click', onClick, true);
    listening = false;
    fieldCheck.clear();
    ui.remove();
  }

  return {
    apply(state, pass) {
      const here = win.location.href;
      const sites = state.sites.filter((s) => matchesAny(s.match, [here, state.top]));
      guards = sites.flatMap((s) => s.guards).filter((g) => frameMatches(g.frame, win));
      checks = sites.flatMap((s) => s.checks).filter((c) => frameMatches(c.submit.frame, win));
      words = state.words;
      section = state.section;
      if (pass) passes.set(`${pass.kind}:${pass.target}`, Date.now() + PASS_MS);
      if (!guards.length && !checks.length) return stop();
      start();
      if (!guards.length) {
        stopLocks();
        ui.say(null);
        return;
      }
      if (!observer) {
        roots.clear();
        observer = new MutationObserver(follow);
        observer.observe(doc.documentElement, { childList: true, subtree: true });
        win.addEventListener('scroll', onPlace, { capture: true, passive: true });
        win.addEventListener('resize', onPlace, { passive: true });
        win.addEventListener('pointerover', onEnter, { capture: true, passive: true });
        win.addEventListener('focusin', onEnter, { capture: true, passive: true });
      }
      drawLocks();
    },
    dispose: stop,
  };
}
