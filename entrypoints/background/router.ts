import { browser } from 'wxt/browser';
import { createRouter, type Handlers, type HandlersFor } from '@/lib/messaging/server';
import { kindOf, panelSessions } from './senders';
import { createHandlers } from './handlers';
import { followUpHandlers } from './followups';
import { pageKeyHandlers } from './page-keys';
import { subscriptionHandlers } from './subscriptions';
import { packUpdateHandlers } from './pack-updates';
import { contextHandlers } from './context';
import { injectHandlers } from './inject';

function panelHandlers(): HandlersFor<'panel.ticket' | 'panel.claim'> {
  return {
    'panel.ticket': async (_p, sender) => ({ ticket: await panelSessions.issue(sender) }),
    'panel.claim': async ({ ticket }, sender) => {
      await panelSessions.claim(ticket, sender);
      return { ok: true };
    },
  };
}

export function setupRouter() {
  // Spread into the full `Handlers` type: a message no service handles fails to compile.
  const handlers: Handlers = {
    ...panelHandlers(),
    ...createHandlers(),
    ...subscriptionHandlers(),
    ...packUpdateHandlers(),
    ...contextHandlers(),
    ...followUpHandlers(),
    ...pageKeyHandlers(),
    ...injectHandlers(),
  };
  const route = createRouter(handlers, kindOf);
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    // Messages meant for content scripts travel the other way; ignore anything we push.
    if ((message as { type?: string })?.type?.startsWith('content.')) return false;
    route(message, sender).then(sendResponse);
    return true;
  });
  browser.tabs.onRemoved.addListener((tabId) => void panelSessions.forgetTab(tabId).catch(() => undefined));
}
