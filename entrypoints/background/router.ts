import { browser } from 'wxt/browser';
import { createRouter, type Handlers } from '@/lib/messaging/server';
import { createHandlers } from './handlers';
import { followUpHandlers } from './followups';
import { pageKeyHandlers } from './page-keys';
import { subscriptionHandlers } from './subscriptions';
import { packUpdateHandlers } from './pack-updates';
import { contextHandlers } from './context';
import { injectHandlers } from './inject';

// Each feature contributes the handlers for its own messages (declared in lib/messaging/protocol.ts).
const features: Array<() => Partial<Handlers>> = [createHandlers, subscriptionHandlers, packUpdateHandlers, contextHandlers, followUpHandlers, pageKeyHandlers, injectHandlers];

export function setupRouter() {
  const handlers = Object.assign({}, ...features.map((f) => f())) as Partial<Handlers>;
  const route = createRouter(handlers, {
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
