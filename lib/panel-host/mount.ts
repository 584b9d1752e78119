/**
 * The panel's host element in the CRM page. The panel itself is an extension page in an
 * iframe (cross-origin to the CRM, so page scripts cannot read or change it), inside a
 * closed shadow root; inline `!important` styles beat any page stylesheet.
 */
import type { Layout } from '../messaging/protocol';
import { UNDOCKED_ATTR } from './dock';
import { createFixedShift, pageSide } from './fixed-shift';

export interface PanelHost {
  host: HTMLElement;
  isOpen(): boolean;
  setLayout(layout: Layout): void;
  remove(): void;
}

const TAB = { width: 28, height: 112 };

function css(el: HTMLElement, rules: Record<string, string>) {
  for (const [k, val] of Object.entries(rules)) el.style.setProperty(k, val, 'important');
}

/**
 * The most of its viewport the docked panel takes. At 200 % zoom a 1366-px laptop lays pages
 * out in 683 CSS px, and a frameset's main frame in ~500: a 360-px panel would leave the CRM
 * too little room even shown smaller (./fit.ts), so the panel narrows instead.
 */
const MAX_SHARE = 0.4;
const dockedWidth = (doc: Document, wanted: number) => Math.min(wanted, Math.floor((doc.defaultView?.innerWidth ?? wanted / MAX_SHARE) * MAX_SHARE));

/**
 * `renewSrc`: a fresh panel URL for a frame that must load again. A page that removes the host
 * destroys the panel's frame; the one re-attached is a new frame, and the panel's ticket
 * (lib/background/panel-sessions.ts) is good for one frame only.
 */
export function mountPanel(doc: Document, src: string, layout: Layout, renewSrc?: () => Promise<string>): PanelHost {
  const host = doc.createElement('cuecard-panel');
  host.id = 'cuecard-panel-host';
  const root = host.attachShadow({ mode: 'closed' });
  // Inline styles cannot reach the host's ::before/::after, which a page rule such as
  // `*::after { content: "x" !important }` would draw over the panel. An !important rule from
  // inside the shadow tree beats the page's !important ones (CSS Cascade 5, "context"); a
  // constructed sheet is not an inline <style>, so a strict page CSP does not block it.
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(':host::before, :host::after { content: none !important; display: none !important; }');
  root.adoptedStyleSheets = [sheet];
  const frame = doc.createElement('iframe');
  frame.src = src;
  frame.title = 'Cuecard';
  frame.setAttribute('allow', 'clipboard-write');
  css(frame, { border: '0', width: '100%', height: '100%', display: 'block', background: 'transparent', 'color-scheme': 'normal' });
  root.append(frame);

  // No guard against the page navigating our frame is needed: frames inside a shadow tree
  // are not in window.frames, so page scripts get no handle on the panel's window.

  const root$ = doc.documentElement;
  // The panel docks on the page's end side: the right, or the left of a right-to-left page.
  const side = pageSide(doc);
  const near = `margin-${side}`;
  const far = side === 'right' ? 'margin-left' : 'margin-right';
  // The page's own inline margins, put back when the panel collapses or goes. Where the dock
  // stylesheet (lib/panel-host/dock.ts) already reserved our width, it is switched off then
  // too (UNDOCKED_ATTR), so the page's own margin, whatever its stylesheets say, comes back.
  const preDocked = layout.open && !root$.style.getPropertyValue(near) && getComputedStyle(root$).getPropertyValue(near) === `${layout.width}px`;
  const saved = [near, far].map((p) => [p, root$.style.getPropertyValue(p), root$.style.getPropertyPriority(p)] as const);
  // The CRM's fixed headers, toolbars and dialogs are moved out from under the docked panel.
  const pinned = createFixedShift(doc, side);
  const undock = () => {
    pinned.dock(0);
    if (preDocked) root$.setAttribute(UNDOCKED_ATTR, '');
    for (const [p, value, prio] of saved) root$.style.setProperty(p, value, prio);
  };

  let current = layout;
  function setLayout({ open, width: wanted }: Layout) {
    current = { open, width: wanted };
    const width = dockedWidth(doc, wanted);
    css(host, { all: 'initial', position: 'fixed', 'z-index': '2147483647', [side]: '0', display: 'block', overflow: 'hidden' });
    if (open) {
      const shadow = side === 'right' ? '-2px 0 8px rgba(0,0,0,.25)' : '2px 0 8px rgba(0,0,0,.25)';
      css(host, { top: '0', width: `${width}px`, height: '100vh', 'box-shadow': shadow });
      // Docked: the CRM page gives up the panel's width instead of hiding under it. On an RTL
      // page the dock stylesheet's right margin (if any) is cancelled by the inline one.
      root$.style.setProperty(near, `${width}px`, 'important');
      if (side === 'left' && getComputedStyle(root$).marginRight !== '0px') root$.style.setProperty('margin-right', '0px', 'important');
      pinned.dock(width);
    } else {
      // Collapsed to a slim tab on the edge: it covers only its own few pixels.
      css(host, { top: `calc(50% - ${TAB.height / 2}px)`, width: `${TAB.width}px`, height: `${TAB.height}px`, 'box-shadow': 'none' });
      undock();
    }
  }
  setLayout(layout);
  root$.append(host);
  // A narrower window, or the browser zoomed in, gives the page fewer CSS px: the cap follows.
  const onResize = () => current.open && dockedWidth(doc, current.width) !== Number.parseFloat(host.style.width) && setLayout(current);
  doc.defaultView?.addEventListener('resize', onResize);

  // Put the host back if the page removes it (some pages sweep unknown elements).
  const beforeRestore = renewSrc
    ? () => {
        // Nothing loads until the new URL is here: the old ticket would only be refused.
        frame.removeAttribute('src');
        void renewSrc().then(
          (url) => {
            if (host.isConnected && !frame.getAttribute('src')) frame.src = url;
          },
          () => undefined,
        );
      }
    : undefined;
  const observer = watchRemoval(host, () => doc.documentElement, beforeRestore);

  return {
    host,
    isOpen: () => current.open,
    setLayout,
    remove() {
      doc.defaultView?.removeEventListener('resize', onResize);
      observer.stop();
      host.remove();
      undock();
    },
  };
}

/**
 * Re-attaches the host whenever the page removes it. A page whose own MutationObserver removes
 * it again at once would ping-pong with us in microtasks and freeze the tab, so a host that
 * did not survive `QUICK_MS` counts as a strike, and from the third strike on it goes back
 * on a timer that backs off (100 ms, 200 ms, … 5 s) instead of at once.
 */
const QUICK_MS = 100;
function watchRemoval(host: HTMLElement, parent: () => Element, beforeRestore?: () => void) {
  let attachedAt = Date.now();
  let strikes = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const restore = () => {
    timer = undefined;
    if (host.isConnected) return;
    beforeRestore?.();
    parent().append(host);
    attachedAt = Date.now();
  };
  const observer = new MutationObserver(() => {
    if (host.isConnected || timer) return;
    strikes = Date.now() - attachedAt < QUICK_MS ? strikes + 1 : 0;
    if (strikes < 3) restore();
    else timer = setTimeout(restore, Math.min(QUICK_MS * 2 ** (strikes - 3), 5000));
  });
  observer.observe(parent(), { childList: true });
  return {
    stop() {
      observer.disconnect();
      clearTimeout(timer);
    },
  };
}
