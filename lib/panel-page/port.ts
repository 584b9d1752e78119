/** The panel's live link to the background: pushes from other tabs arrive here. */
import { browser } from 'wxt/browser';
import type { PanelPush } from '../messaging/protocol';

/**
 * False once the extension was reloaded, updated or turned off: this page is then an orphan
 * (Chrome leaves framed extension pages running) and every extension API call throws
 * "Extension context invalidated". The new content script mounts a fresh panel instead.
 */
export function extensionAlive(): boolean {
  try {
    return Boolean(browser.runtime?.id);
  } catch {
    return false;
  }
}

const FIRST_RETRY_MS = 100;

export function connectPanelPort(onPush: (push: PanelPush) => void, onReconnect?: () => void) {
  let retry = FIRST_RETRY_MS;
  const connect = (): boolean => {
    if (!extensionAlive()) return false;
    let port: ReturnType<typeof browser.runtime.connect>;
    try {
      port = browser.runtime.connect({ name: 'panel' });
    } catch {
      return false;
    }
    const openedAt = Date.now();
    port.onMessage.addListener((msg) => onPush(msg as PanelPush));
    port.onDisconnect.addListener(() => {
      // A port that lived a while was a worker stopping (idle, updated), not a crash loop:
      // reconnect at once, as pushes from other tabs are missed until we do.
      if (Date.now() - openedAt > 1000) retry = FIRST_RETRY_MS;
      // The service worker was stopped or restarted: reconnect, and reload state we may have
      // missed. If the extension itself is gone there is nothing to reconnect to.
      if (!extensionAlive()) return;
      setTimeout(() => {
        if (connect()) onReconnect?.();
      }, retry);
      retry = Math.min(retry * 2, 5000);
    });
    return true;
  };
  connect();
}
