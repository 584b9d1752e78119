/**
 * Docking the panel makes the CRM page give up its width, which lays the whole page out
 * again: 1.1–2.2 s on the demo's 10,000-row list here. To keep that off every page load, the
 * background registers a CSS-only content script (no script, so no cost before `load`) that
 * reserves the width from the first layout on; when the panel mounts after `load`, the margin
 * it sets is already in effect and nothing moves. Stylesheets are files, so there is one per
 * width step; a width between steps just goes without the head start.
 */
export const DOCK_MIN = 280;
export const DOCK_MAX = 640;
export const DOCK_STEP = 20;

export function dockWidths(): number[] {
  const out: number[] = [];
  for (let w = DOCK_MIN; w <= DOCK_MAX; w += DOCK_STEP) out.push(w);
  return out;
}

/**
 * Set on the page's root by the panel host while the panel is collapsed or gone: a stylesheet
 * cannot be taken out of a page once injected, and it outranks the page's own margin.
 */
export const UNDOCKED_ATTR = 'data-cuecard-undocked';

/**
 * The reserving rule. It needs no exception for a frameset document (no body to show the
 * panel in): a frameset is laid out to the viewport whatever its root's margin. And it must
 * not have one written as `:has(> frameset)`: any :has() in the page's styles made the demo
 * CRM's load ~10 ms (~8 %) slower, median of 30 alternating loads each way.
 */
export const dockCss = (width: number): string =>
  `html:not([${UNDOCKED_ATTR}]) { margin-right: ${width}px !important; }\n` +
  // A right-to-left page docks the panel on its left (lib/panel-host/fixed-shift.ts, pageSide).
  // :dir() reads the root's own direction, as cheap as an attribute match.
  `html:not([${UNDOCKED_ATTR}]):dir(rtl) { margin-right: 0 !important; margin-left: ${width}px !important; }\n`;

/** The stylesheet reserving `width`, relative to the extension root, or null if there is none. */
export function dockFile(width: number): string | null {
  return Number.isInteger(width) && width >= DOCK_MIN && width <= DOCK_MAX && (width - DOCK_MIN) % DOCK_STEP === 0 ? `dock/${width}.css` : null;
}
