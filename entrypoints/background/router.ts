import { browser } from 'wxt/browser';
import { createRouter } from '@/lib/messaging/server';
import { createHandlers } from './handlers';

export function setupRouter() {
  const route = createRouter(createHandlers(), {
    id: browser.runtime.id,
    origin: browser.runtime.getURL('/'),
  });
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    // Messages meant for content scripts travel the other way; ignore anything we push.
    if ((message as { type?: string })?.type?.startsWith('content.')) return false;
    route(message, sender).then(sendResponse);
    return true;
  });
}
