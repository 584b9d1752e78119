/**
 * Decides which frame of a CRM page shows the panel. The content script runs in every frame
 * (allFrames), but the agent must see exactly one panel:
 *  - a normal top page mounts it, and its iframes skip;
 *  - a <frameset> document has no body to put a panel in, so the largest leaf frame mounts it.
 *
 * Call after DOMContentLoaded: before that `document.body` may not exist yet.
 */

export type PanelHostDecision = 'mount' | 'skip';

// `body` is the <frameset> element in a frameset document (HTML spec, "the body element").
const isFrameset = (doc: Document): boolean => doc.body?.tagName === 'FRAMESET';

const area = (el: Element): number => {
  const r = el.getBoundingClientRect();
  return r.width * r.height;
};

/** The window of the largest <frame> in `doc` (first one on a tie), or null if it has none. */
function largestFrame(doc: Document): Window | null {
  let best: HTMLFrameElement | null = null;
  let bestArea = -1;
  for (const f of Array.from(doc.querySelectorAll<HTMLFrameElement>('frame'))) {
    const a = area(f);
    if (a > bestArea) {
      best = f;
      bestArea = a;
    }
  }
  return best?.contentWindow ?? null;
}

/**
 * Where the frameset parent is cross-origin we cannot see its frames, so we guess: a frame
 * covering at least half the screen is the work area. Known limitation: a large cross-origin
 * <iframe> in a normal page also passes, and then two panels show (the top page's and this one);
 * a site can be fixed by enabling Cuecard on only one of the two origins.
 */
function coversHalfTheScreen(win: Window): boolean {
  const { width, height } = win.screen;
  return win.innerWidth * win.innerHeight >= 0.5 * width * height;
}

export function panelHostDecision(win: Window): PanelHostDecision {
  if (isFrameset(win.document)) return 'skip';
  // Walk up: every ancestor must be a frameset document and pick our branch as its largest
  // frame. The first ancestor with a normal body shows the panel itself, so we skip.
  let w = win;
  while (w !== w.top && w.parent !== w) {
    let parentDoc: Document;
    try {
      parentDoc = w.parent.document; // throws a SecurityError when cross-origin
    } catch {
      return coversHalfTheScreen(win) ? 'mount' : 'skip';
    }
    if (!isFrameset(parentDoc) || largestFrame(parentDoc) !== w) return 'skip';
    w = w.parent;
  }
  return 'mount';
}
