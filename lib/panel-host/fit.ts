/**
 * A CRM page whose content cannot be narrower than the room the docked panel leaves it (a
 * legacy form of fixed-width table cells, a frameset's main frame at 1024 px, any page at 200 %
 * zoom) would reflow as far as it can and then run on under the panel, where its controls
 * cannot be reached. Such a page is shown smaller instead, the way the browser's own zoom-out
 * would: CSS `zoom` on <body> (its layout is kept, only scaled) until its content ends at the
 * panel's edge, never below MIN_ZOOM. The page's own inline zoom is put back when the panel
 * collapses or goes. Runs in the content script: no dependencies.
 */
import type { Side } from './fixed-shift';

/** Below this the text is too small to work with: the agent can still scroll to the rest. */
export const MIN_ZOOM = 0.5;

export function createFit(doc: Document, side: Side) {
  let saved: [string, string] | null = null;
  const body = () => (doc.body?.tagName === 'BODY' ? doc.body : null);

  return {
    /**
     * `edge`: how far the page's content reaches into the panel's strip (viewport x; the
     * rightmost right edge, or on an RTL page the leftmost left edge); `panelEdge`: where the
     * strip starts. Returns true when the page was scaled (the caller looks again).
     */
    fit(edge: number, panelEdge: number): boolean {
      const b = body();
      if (!b) return false;
      const r = b.getBoundingClientRect();
      const need = side === 'right' ? edge - r.left : r.right - edge;
      const room = side === 'right' ? panelEdge - r.left : r.right - panelEdge;
      if (need <= room + 0.5 || room <= 0) return false;
      const current = Number(doc.defaultView?.getComputedStyle(b).zoom) || 1;
      const next = Math.max(MIN_ZOOM, Math.floor(((current * room) / need) * 1000) / 1000);
      if (next >= current) return false;
      saved ??= [b.style.getPropertyValue('zoom'), b.style.getPropertyPriority('zoom')];
      b.style.setProperty('zoom', String(next), 'important');
      return true;
    },
    /** Puts the page's own zoom back. */
    reset(): void {
      if (!saved) return;
      body()?.style.setProperty('zoom', saved[0], saved[1]);
      saved = null;
    },
  };
}
