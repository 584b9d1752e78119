import { browser, type Browser } from 'wxt/browser';
import type { PanelPush } from '@/lib/messaging/protocol';
import { kindOf } from './senders';

// Open panels keep a port to the background, so a change made in one tab reaches the
// others at once; a port also tells us when a panel went away.
const panels = new Set<Browser.runtime.Port>();

export function setupPorts() {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== 'panel' || !port.sender) return port.disconnect();
    // Only a panel bound by its ticket hears pushes (runs, settings, keys taken from the page).
    let gone = false;
    port.onDisconnect.addListener(() => {
      gone = true;
      panels.delete(port);
    });
    void kindOf(port.sender).then(
      (kind) => (kind === 'panel' ? !gone && panels.add(port) : port.disconnect()),
      () => port.disconnect(),
    );
  });
}

/** Push to every open panel except the one in the given frame (the sender of the change). */
export function pushToPanels(push: PanelPush, except?: { tabId?: number; frameId?: number }) {
  for (const port of panels) {
    const s = port.sender;
    if (except && s?.tab?.id === except.tabId && s?.frameId === except.frameId) continue;
    try {
      port.postMessage(push);
    } catch {
      panels.delete(port);
    }
  }
}

/** Push to the panels in one tab only (a key taken from that tab's CRM page); returns how many. */
export function pushToTab(tabId: number, push: PanelPush): number {
  let sent = 0;
  for (const port of panels) {
    if (port.sender?.tab?.id !== tabId) continue;
    try {
      port.postMessage(push);
      sent++;
    } catch {
      panels.delete(port);
    }
  }
  return sent;
}
