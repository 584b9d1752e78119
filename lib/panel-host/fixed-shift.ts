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
 * costs no more than an empty one.
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
const PROPS = ['left', 'right', 'max-width'] as const;
type Saved = Record<(typeof PROPS)[number], [string, string]> & { attr: boolean };

const isOurs = (el: Element) => el.tagName.startsWith('CUECARD-');
const composedParent = (el: Element): Element | null => el.assignedSlot ?? el.parentElement ?? ((el.getRootNode() as ShadowRoot).host || null);

/** Every element at a point, looking into open shadow roots (elementsFromPoint retargets to hosts). */
function elementsAt(scope: Document | ShadowRoot, x: number, y: number, out: Set<Element>): void {
  for (const el of scope.elementsFromPoint(x, y)) {
    if (el.getRootNode() !== scope || out.has(el)) continue;
    out.add(el);
    if (el.shadowRoot) elementsAt(el.shadowRoot, x, y, out);
  }
}

export function createFixedShift(doc: Document, side: Side) {
  const win = doc.defaultView!;
  const shifted = new Map<HTMLElement, Saved>();
  let width = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
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
    timer = undefined;
    if (!width) return;
    pos.clear();
    const s = strip();
    const found = new Set<HTMLElement>();
    const seen = new Set<Element>();
    // How far the page's own flow content reaches into the strip (see ./fit.ts).
    let edge = side === 'right' ? -Infinity : Infinity;
    for (let x = s.from + STEP / 2; x < s.to; x += STEP) {
      for (let y = STEP / 2; y < win.innerHeight; y += STEP) {
        const at = new Set<Element>();
        elementsAt(doc, x, y, at);
        for (const el of at) {
          if (seen.has(el) || isOurs(el)) continue;
          seen.add(el);
          const pinned = pinnedOf(el);
          if (pinned && !isOurs(pinned)) found.add(pinned);
          else if (!pinned && el !== doc.documentElement && el !== doc.body) {
            const r = el.getBoundingClientRect();
            edge = side === 'right' ? Math.max(edge, r.right) : Math.min(edge, r.left);
          }
        }
      }
    }
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
  const schedule = (ms = 150) => void (timer ??= setTimeout(scan, ms));

  // Pinned elements appear later (a dialog opened, a toolbar rendered), and a resize or zoom
  // moves them: look again, at most every 150 ms. Scrolling does not move fixed elements.
  const observer = new MutationObserver((records) => {
    if (records.some((r) => !(r.target instanceof Element && isOurs(r.target)))) schedule();
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
      clearTimeout(timer);
      timer = undefined;
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
