/**
 * Whether the agent can see a field, checked before text goes into it: a page can steer focus
 * to a field the agent cannot see (a transparent, collapsed or off-page textarea) and the panel
 * must not put the agent's words there. Runs in every frame's content script: dependency-free.
 */

/** Smaller than this in either direction, a field is a hiding place, not something to type in. */
const MIN_PX = 4;
/** Combined opacity of the field and its ancestors below which its text cannot be read. */
const MIN_OPACITY = 0.2;

const parentOf = (el: Element): Element | null => el.parentElement ?? ((el.getRootNode() as ShadowRoot).host || null);

/** The element's own opacity times every ancestor's, through shadow roots and same-origin frames. */
function opacityOf(el: Element): number {
  let o = 1;
  for (let n: Element | null = el; n && o >= MIN_OPACITY;) {
    const win: Window | null = n.ownerDocument.defaultView;
    o *= Number(win?.getComputedStyle(n).opacity ?? 1);
    const up = parentOf(n);
    if (up) n = up;
    else {
      try {
        n = win?.frameElement ?? null; // null, or throws, when the parent is cross-origin
      } catch {
        n = null;
      }
    }
  }
  return o;
}

export function isShown(el: Element): boolean {
  // display:none (also on an ancestor), visibility:hidden, opacity:0, content-visibility:hidden.
  if (typeof el.checkVisibility === 'function' && !el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
  const r = el.getBoundingClientRect();
  if (r.width < MIN_PX || r.height < MIN_PX) return false;
  // Negative page coordinates cannot be scrolled to: the classic `left: -9999px` hiding place.
  // (Below or right of the viewport is fine: the agent may have scrolled the field away.)
  const win = el.ownerDocument.defaultView;
  if (win && (r.right + win.scrollX <= 0 || r.bottom + win.scrollY <= 0)) return false;
  return opacityOf(el) >= MIN_OPACITY;
}
