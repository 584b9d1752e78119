/**
 * The panel's host element in the CRM page. The panel itself is an extension page in an
 * iframe (cross-origin to the CRM, so page scripts cannot read or change it), inside a
 * closed shadow root; inline `!important` styles beat any page stylesheet.
 */
import type { Layout } from '../messaging/protocol';

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

export function mountPanel(doc: Document, src: string, layout: Layout): PanelHost {
  const host = doc.createElement('cuecard-panel');
  host.id = 'cuecard-panel-host';
  const root = host.attachShadow({ mode: 'closed' });
  const frame = doc.createElement('iframe');
  frame.src = src;
  frame.title = 'Cuecard';
  frame.setAttribute('allow', 'clipboard-write');
  css(frame, { border: '0', width: '100%', height: '100%', display: 'block', background: 'transparent', 'color-scheme': 'normal' });
  root.append(frame);

  // No guard against the page navigating our frame is needed: frames inside a shadow tree
  // are not in window.frames, so page scripts get no handle on the panel's window.

  const root$ = doc.documentElement;
  const margin = root$.style.getPropertyValue('margin-right');
  const marginPrio = root$.style.getPropertyPriority('margin-right');

  let current = layout;
  function setLayout({ open, width }: Layout) {
    current = { open, width };
    css(host, { all: 'initial', position: 'fixed', 'z-index': '2147483647', right: '0', display: 'block', overflow: 'hidden' });
    if (open) {
      css(host, { top: '0', width: `${width}px`, height: '100vh', 'box-shadow': '-2px 0 8px rgba(0,0,0,.25)' });
      // Docked: the CRM page gives up the panel's width instead of hiding under it.
      root$.style.setProperty('margin-right', `${width}px`, 'important');
    } else {
      // Collapsed to a slim tab on the edge: it covers only its own few pixels.
      css(host, { top: `calc(50% - ${TAB.height / 2}px)`, width: `${TAB.width}px`, height: `${TAB.height}px`, 'box-shadow': 'none' });
      root$.style.setProperty('margin-right', margin, marginPrio);
    }
  }
  setLayout(layout);
  root$.append(host);

  // Put the host back if the page removes it (some pages sweep unknown elements).
  const observer = new MutationObserver(() => {
    if (!host.isConnected) doc.documentElement.append(host);
  });
  observer.observe(root$, { childList: true });

  return {
    host,
    isOpen: () => current.open,
    setLayout,
    remove() {
      observer.disconnect();
      host.remove();
      root$.style.setProperty('margin-right', margin, marginPrio);
    },
  };
}
