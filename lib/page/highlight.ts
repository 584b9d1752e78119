/**
 * "Show me": outlines a CRM element with a box drawn over the page and scrolls to it. The box
 * is our own element (closed shadow root, inline !important styles, no pointer events); the
 * page's elements and their styles are never touched. It waits for late-rendered elements
 * and follows single-page-app route changes: after pushState/popstate/hashchange, or when
 * the element is re-rendered away, it finds the element again.
 */
import type { Locator } from '../pack/context-schema';
import { BadSelectorError, frameMatches, resolveLocator } from './match';

export type ShowResult = { found: boolean; skipped?: boolean; error?: string };

export interface Highlighter {
  show(loc: Locator): Promise<ShowResult>;
  clear(): void;
}

/** Late fields on the slowest demo route take ~1 s; real CRMs a few. */
export const WAIT_MS = 5000;
/** An outline nobody cleared (the panel went away) fades on its own. */
const LIFETIME_MS = 60_000;
const PAD = 4;

function css(el: HTMLElement, rules: Record<string, string>) {
  for (const [k, val] of Object.entries(rules)) el.style.setProperty(k, val, 'important');
}

const visible = (el: Element | null) => (el && el.getClientRects().length > 0 ? el : null);

/** The element once it is on the page and laid out, or null after `ms` (or when cancelled). */
function waitForElement(doc: Document, loc: Locator, ms: number, cancelled: () => boolean): Promise<Element | null> {
  const first = visible(resolveLocator(doc, loc)); // a bad selector throws here, at once
  if (first) return Promise.resolve(first);
  return new Promise((resolve) => {
    let queued = false;
    const done = (el: Element | null) => {
      observer.disconnect();
      clearTimeout(timer);
      resolve(el);
    };
    // Look at most every 50 ms: a busy page mutates far more often than that.
    const observer = new MutationObserver(() => {
      if (queued) return;
      queued = true;
      setTimeout(() => {
        queued = false;
        if (cancelled()) return done(null);
        const el = visible(resolveLocator(doc, loc));
        if (el) done(el);
      }, 50);
    });
    observer.observe(doc.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['style', 'class', 'hidden'] });
    const timer = setTimeout(() => done(null), ms);
  });
}

export function createHighlighter(win: Window, waitMs = WAIT_MS): Highlighter {
  const doc = win.document;
  let token = 0;
  let loc: Locator | null = null;
  let target: Element | null = null;
  let box: HTMLElement | null = null;
  let frame = 0;
  let expiry: ReturnType<typeof setTimeout> | undefined;
  const nav = (win as unknown as { navigation?: EventTarget }).navigation;

  function ensureBox(): HTMLElement {
    if (box?.isConnected) return box;
    box = doc.createElement('cuecard-highlight');
    const ring = doc.createElement('div');
    css(ring, {
      width: '100%',
      height: '100%',
      'box-sizing': 'border-box',
      border: '3px solid #f59e0b',
      'border-radius': '4px',
      'box-shadow': '0 0 0 3px rgba(245,158,11,.35)',
    });
    box.attachShadow({ mode: 'closed' }).append(ring);
    doc.documentElement.append(box);
    return box;
  }
  let finding = false;
  function draw() {
    frame = 0;
    if (!loc || finding) return; // a refind is waiting: page mutations must not restart it
    if (!target?.isConnected) return void refind(); // re-rendered away without a route event
    const r = target.getBoundingClientRect();
    css(ensureBox(), {
      all: 'initial',
      position: 'fixed',
      'z-index': '2147483646',
      'pointer-events': 'none',
      display: 'block',
      top: `${r.top - PAD}px`,
      left: `${r.left - PAD}px`,
      width: `${r.width + 2 * PAD}px`,
      height: `${r.height + 2 * PAD}px`,
    });
  }
  const schedule = () => void (frame ||= win.requestAnimationFrame(draw));
  // Our own box (and the panel host) change on every draw: reacting to them would loop.
  const ours = (n: Node) => n.nodeName.startsWith('CUECARD-');
  const observer = new MutationObserver((records) => {
    if (records.some((r) => !ours(r.target) && ![...r.addedNodes, ...r.removedNodes].some(ours))) schedule();
  });
  const onKey = (e: KeyboardEvent) => void (e.key === 'Escape' && clear());

  function attach(el: Element) {
    target = el;
    el.scrollIntoView({ block: 'center', inline: 'nearest' });
    draw();
    clearTimeout(expiry);
    expiry = setTimeout(clear, LIFETIME_MS);
  }
  /** Find the element again (route change, re-render); drop the box if it does not come back. */
  function refind() {
    if (!loc) return;
    const mine = ++token;
    target = null;
    finding = true;
    box?.remove();
    const done = (el: Element | null) => {
      if (mine !== token) return;
      finding = false;
      if (el) attach(el);
      else clear();
    };
    waitForElement(doc, loc, waitMs, () => mine !== token).then(done, () => done(null));
  }
  function listen(on: boolean) {
    const m = on ? 'addEventListener' : 'removeEventListener';
    win[m]('scroll', schedule, true);
    win[m]('resize', schedule);
    win[m]('popstate', refind);
    win[m]('hashchange', refind);
    win[m]('keydown', onKey as EventListener, true);
    // The Navigation API is the only way an isolated content script hears the page's pushState.
    nav?.[m]('currententrychange', refind);
    if (on) observer.observe(doc.documentElement, { childList: true, subtree: true, attributes: true });
    else observer.disconnect();
  }
  function clear() {
    token++;
    finding = false;
    if (loc) listen(false);
    loc = target = null;
    clearTimeout(expiry);
    if (frame) win.cancelAnimationFrame(frame);
    frame = 0;
    box?.remove();
    box = null;
  }

  return {
    clear,
    async show(next) {
      if (!frameMatches(next.frame, win)) return { found: false, skipped: true };
      clear();
      const mine = ++token;
      let el: Element | null;
      try {
        el = await waitForElement(doc, next, waitMs, () => mine !== token);
      } catch (err) {
        return { found: false, error: err instanceof BadSelectorError ? err.message : String(err) };
      }
      if (mine !== token) return { found: false, skipped: true };
      if (!el) return { found: false };
      loc = next;
      listen(true);
      attach(el);
      return { found: true };
    },
  };
}
