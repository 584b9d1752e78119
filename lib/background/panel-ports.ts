/**
 * Open panels keep a port to the background, so a change made in one tab reaches the others at
 * once; a port also tells us when a panel went away. Only ports of bound panels (see
 * lib/messaging/sender.ts) are kept: nothing is pushed to a frame that has no ticket.
 */
import type { Browser } from 'wxt/browser';
import type { PanelPush } from '../messaging/protocol';
import type { SenderInfo, SenderKind } from '../messaging/sender';

type Port = Browser.runtime.Port;

export function createPanelPorts(kindOf: (sender: SenderInfo) => Promise<SenderKind | null>) {
  const panels = new Set<Port>();

  const post = (port: Port, push: PanelPush) => {
    try {
      port.postMessage(push);
      return true;
    } catch {
      panels.delete(port);
      return false;
    }
  };

  return {
    /** A port just opened: kept if it is a bound panel's, closed otherwise. */
    accept(port: Port) {
      if (port.name !== 'panel' || !port.sender) return port.disconnect();
      let gone = false;
      port.onDisconnect.addListener(() => {
        gone = true;
        panels.delete(port);
      });
      void kindOf(port.sender).then(
        (kind) => (kind === 'panel' ? !gone && panels.add(port) : port.disconnect()),
        () => port.disconnect(),
      );
    },
    /** Push to every open panel except the one in the given frame (the sender of the change). */
    toPanels(push: PanelPush, except?: { tabId?: number; frameId?: number }) {
      for (const port of panels) {
        const s = port.sender;
        if (except && s?.tab?.id === except.tabId && s?.frameId === except.frameId) continue;
        post(port, push);
      }
    },
    /** Push to the panels in one tab only (a key taken from that tab's CRM page); returns how many. */
    toTab(tabId: number, push: PanelPush): number {
      let sent = 0;
      for (const port of panels) if (port.sender?.tab?.id === tabId && post(port, push)) sent++;
      return sent;
    },
  };
}

export type PanelPorts = ReturnType<typeof createPanelPorts>;
