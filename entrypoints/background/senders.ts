import { browser } from 'wxt/browser';
import { classifySender, type ExtensionIdentity, type SenderInfo } from '@/lib/messaging/sender';
import { createPanelSessions } from '@/lib/background/panel-sessions';

export const panelSessions = createPanelSessions({
  session: browser.storage.session,
  now: () => Date.now(),
  randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)),
});

function identity(): ExtensionIdentity {
  const id = browser.runtime.id;
  // With `use_dynamic_url` Chromium's getURL answers with the session's dynamic origin; senders
  // still report the static one. Both are ours.
  const dynamic = new URL(browser.runtime.getURL('/')).origin;
  return { id, origins: [...new Set([`chrome-extension://${id}/`, `moz-extension://${id}/`, `${dynamic}/`])] };
}

/** Sender kinds are decided here, once, for messages and ports alike (lib/messaging/sender.ts). */
export const kindOf = (sender: SenderInfo) => classifySender(sender, identity(), (s) => panelSessions.isBound(s));

