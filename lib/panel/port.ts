/** The panel's live link to the background: pushes from other tabs arrive here. */
import { browser } from 'wxt/browser';
import type { PanelPush } from '../messaging/protocol';

export function connectPanelPort(onPush: (push: PanelPush) => void, onReconnect?: () => void) {
  let retry = 250;
  const connect = () => {
    const port = browser.runtime.connect({ name: 'panel' });
    port.onMessage.addListener((msg) => onPush(msg as PanelPush));
    port.onDisconnect.addListener(() => {
      // The service worker was stopped or updated: reconnect, and reload state we may have missed.
      setTimeout(() => {
        connect();
        onReconnect?.();
      }, retry);
      retry = Math.min(retry * 2, 5000);
    });
  };
  connect();
}
