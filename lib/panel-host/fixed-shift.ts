/**
 * Keeps the CRM's own pinned elements out from under the docked panel. Docking gives the page
 * a margin on the panel's side, which moves everything in the flow (sticky bars included),
 * but `position: fixed` elements (headers, toolbars, chat popups, dialogs) and absolutely
 * placed ones with no positioned ancestor are placed against the viewport, which the margin
 * does not narrow. Those whose box reaches under the panel are moved out by the panel's width
 * through their inline `right` (`left` on an RTL page), which shrinks a full-width bar and
 * slides a corner widget; each touched property is put back exactly as it was (value and
 * priority) when the panel collapses or goes.
 *
 * Finding them costs what the panel covers, not what the page holds: the panel's strip is
 * sampled with elementsFromPoint (and the same in open shadow roots), so a 10,000-row page
 * costs no more than an empty one — if the page is laid out. A hit test on a page with pending
 * changes first lays it out (and on a 10,000-row page that is most of the cost), so a look
 * waits for the browser's next rendered frame and runs just after it; and a page that keeps
 * changing is looked at when it pauses (QUIET_MS), or every MAX_WAIT_MS while it does not.
 */
import { createFit } from './fit';

export type Side = 'right' | 'left';

/**
 * The panel docks on the page's end side: the left on a right-to-left page. The root's
 * direction decides (`<html dir="rtl">`), as in the dock stylesheet's `:dir(rtl)` rule, so the
 * margin reserved before load and the side the panel mounts on always agree.
 */
export function pageSide(doc: Document): Side {
  const el = doc.documentElement;
  return el && doc.defaultView?.getComputedStyle(el).direction === 'rtl' ? 'left' : 'right';
}

/** Sample spacing in CSS px: smaller than any control an agent could click. */
const STEP = 16;
const QUIET_MS = 100;
const MAX_WAIT_MS = 1000;
const PROPS = ['left', 'right', 'max-width'] as const;
type Saved = Record<(typeof PROPS)[number], [string, string]> & { attr: boolean };

const isOurs = (el: Element) => el.tagName.startsWith('CUECARD-');
const ourNode = (n: Node) => n.nodeType === 1 && isOurs(n as Element);
/** A change to our own nodes (the panel, lock rings, a highlight), or only adding or removing them. */
const ownRecord = (r: MutationRecord) =>
  ourNode(r.target) || (r.type === 'childList' && r.addedNodes.length + r.removedNodes.length > 0 && [...r.addedNodes, ...r.removedNodes].every(ourNode));
const composedParent = (el: Element): Element | null => el.assignedSlot ?? el.parentElement ?? ((el.getRootNode() as ShadowRoot).host || null);

/** What one look learnt of an element, once: most of a strip's points hit the same few elements. */
type Seen = { root: Node; shadow: ShadowRoot | null };

/**
 * Calls `fresh` for each element at a point not met before in this look, looking into open
 * shadow roots (elementsFromPoint retargets to hosts, and lists a root's ancestors outside it
 * too). What is asked of an element (its root, its shadow root, whether it is ours) is asked
 * once per look, not once per point: each question crosses into the page's DOM.
 */
function elementsAt(scope: Document | ShadowRoot, x: number, y: number, seen: Map<Element, Seen>, fresh: (el: Element) => void): void {
  for (const el of scope.elementsFromPoint(x, y)) {
    let known = seen.get(el);
    if (!known) {
      const ours = isOurs(el);
      seen.set(el, (known = { root: ours ? el : el.getRootNode(), shadow: ours ? null : el.shadowRoot }));
      if (!ours && known.root === scope) fresh(el);
    }
    if (known.shadow && known.root === scope) elementsAt(known.shadow, x, y, seen, fresh);
  }
}

export function createFixedShift(doc: Document, side: Side) {
  const win = doc.defaultView!;
  const shifted = new Map<HTMLElement, Saved>();
  let width = 0;
  // A look is pending in one of three stages: waiting for the page to pause, for a frame, or to run.
  let timer: ReturnType<typeof setTimeout> | undefined;
  let frame: number | undefined;
  let pendingSince: number | undefined;
  const pos = new Map<Element, string>();
  const position = (el: Element) => {
    let p = pos.get(el);
    if (p === undefined) pos.set(el, (p = win.getComputedStyle(el).position));
    return p;
  };

  /** The element placed against the viewport that `el` moves with, or null if it is in the flow. */
  function pinnedOf(el: Element): HTMLElement | null {
    let abs: Element | null = null;
    for (let n: Element | null = el; n; n = composedParent(n)) {
      const p = position(n);
      if (p === 'fixed') return n === doc.documentElement || n === doc.body ? null : (n as HTMLElement);
      if (p === 'absolute') abs = n;
      else if (p !== 'static') abs = null; // relative/sticky: the absolute ones below sit in the flow
    }
    return abs && abs !== doc.body && abs !== doc.documentElement ? (abs as HTMLElement) : null;
  }

  /** The panel's strip in viewport coordinates. */
  function strip(): { from: number; to: number } {
    const vw = doc.compatMode === 'CSS1Compat' ? doc.documentElement.clientWidth : (doc.body?.clientWidth ?? win.innerWidth);
    return side === 'right' ? { from: vw - width, to: vw } : { from: 0, to: width };
  }
  const under = (r: DOMRect, s: { from: number; to: number }) => r.width > 0 && r.height > 0 && r.left < s.to - 0.5 && r.right > s.from + 0.5;

  function save(el: HTMLElement): void {
    if (shifted.has(el)) return;
    const saved = { attr: el.hasAttribute('style') } as Saved;
    for (const p of PROPS) saved[p] = [el.style.getPropertyValue(p), el.style.getPropertyPriority(p)];
    shifted.set(el, saved);
  }
  const set = (el: HTMLElement, prop: string, px: number) => el.style.setProperty(prop, `${Math.round(px * 100) / 100}px`, 'important');

  /** Moves one pinned element out of the strip: by its anchored edge, then by its other one, then narrower. */
  function shift(el: HTMLElement): void {
    const s = strip();
    let r = el.getBoundingClientRect();
    if (!under(r, s)) return;
    save(el);
    const cs = win.getComputedStyle(el);
    const near = side === 'right' ? 'right' : 'left';
    const far = side === 'right' ? 'left' : 'right';
    set(el, near, parseFloat(cs[near]) + width);
    r = el.getBoundingClientRect();
    if (under(r, s)) {
      // Over-constrained (anchored on the far side with a fixed width): anchor it on our side.
      el.style.setProperty(far, 'auto', 'important');
      r = el.getBoundingClientRect();
    }
    const room = side === 'right' ? s.from : win.innerWidth - s.to;
    if (r.width > room) {
      // Wider than what is left of the viewport: keep it all on screen, narrower.
      const extra = r.width - parseFloat(cs.width || '0');
      set(el, 'max-width', Math.max(0, room - (Number.isFinite(extra) && extra > 0 ? extra : 0)));
      set(el, far, 0);
    }
  }

  function scan(): void {
    timer = frame = pendingSince = undefined;
    if (!width) return;
    pos.clear();
    const s = strip();
    const found = new Set<HTMLElement>();
    const seen = new Map<Element, Seen>();
    // How far the page's own flow content reaches into the strip (see ./fit.ts).
    let edge = side === 'right' ? -Infinity : Infinity;
    const fresh = (el: Element) => {
      const pinned = pinnedOf(el);
      if (pinned && !isOurs(pinned)) found.add(pinned);
      else if (!pinned && el !== doc.documentElement && el !== doc.body) {
        const r = el.getBoundingClientRect();
        edge = side === 'right' ? Math.max(edge, r.right) : Math.min(edge, r.left);
      }
    };
    const bottom = win.innerHeight;
    for (let x = s.from + STEP / 2; x < s.to; x += STEP) for (let y = STEP / 2; y < bottom; y += STEP) elementsAt(doc, x, y, seen, fresh);
    for (const el of found) shift(el);
    for (const el of shifted.keys()) if (!el.isConnected) shifted.delete(el);
    // Content wider than the room left: shown smaller until it ends at the panel (a few rounds,
    // as scaling reflows the page), then the pinned elements are looked at again.
    const scaled = Number.isFinite(edge) && fits < 4 && fitter.fit(edge, side === 'right' ? s.from : s.to);
    observer.takeRecords(); // our own style writes are not the page changing
    if (scaled) {
      fits++;
      schedule(0);
    }
  }
  let fits = 0;
  const fitter = createFit(doc, side);
  /** Look again once the page pauses for `ms` (or MAX_WAIT_MS after the first change), after a frame. */
  function schedule(ms = QUIET_MS): void {
    if (frame !== undefined) return; // the look after the coming frame sees this change too
    const now = performance.now();
    pendingSince ??= now;
    clearTimeout(timer);
    timer = setTimeout(afterFrame, Math.max(0, Math.min(ms, pendingSince + MAX_WAIT_MS - now)));
  }
  function afterFrame(): void {
    frame = win.requestAnimationFrame(() => void (timer = setTimeout(scan, 0)));
  }
  function cancel(): void {
    clearTimeout(timer);
    if (frame !== undefined) win.cancelAnimationFrame(frame);
    timer = frame = pendingSince = undefined;
  }

  // Pinned elements appear later (a dialog opened, a toolbar rendered), and a resize or zoom
  // moves them: look again, at most every 150 ms. Scrolling does not move fixed elements.
  const observer = new MutationObserver((records) => {
    if (records.some((r) => !ownRecord(r))) schedule();
  });
  const onChange = () => schedule();

  function restore(): void {
    for (const [el, saved] of shifted) {
      for (const p of PROPS) el.style.setProperty(p, saved[p][0], saved[p][1]);
      if (!saved.attr && !el.style.length) el.removeAttribute('style'); // as the page left it
    }
    shifted.clear();
    fitter.reset();
    fits = 0;
    observer.takeRecords();
  }

  return {
    /** Keeps pinned elements out from under a panel `w` px wide (0: the panel is not docked). */
    dock(w: number): void {
      if (w === width) return;
      restore();
      width = w;
      cancel();
      if (!w) {
        observer.disconnect();
        win.removeEventListener('resize', onChange);
        return;
      }
      observer.observe(doc.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['style', 'class', 'hidden', 'open'] });
      win.addEventListener('resize', onChange);
      schedule(0);
    },
    /** How many elements are moved now (for tests). */
    count: () => shifted.size,
  };
}
