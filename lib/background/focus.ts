/**
 * Inserting a phrase: content scripts report which frame of their tab last had a CRM field
 * focused, and the panel's insert goes to that frame. Kept in session storage, not in memory:
 * the service worker may be stopped between the focus and the insert.
 */
import type { ContentPush, InsertResult } from '../messaging/protocol';
import type { HandlersFor, SenderInfo } from '../messaging/server';
import type { ExtensionApi } from './deps';

const key = (tabId: number) => `focus:${tabId}`;

export function tabOf(sender: SenderInfo, what = 'This request must come from a browser tab.'): number {
  const id = sender.tab?.id;
  if (id === undefined) throw new Error(what);
  return id;
}

export function createFocusService({ browser }: { browser: ExtensionApi }) {
  async function focusedFrame(tabId: number): Promise<number | undefined> {
    const frameId = (await browser.storage.session.get(key(tabId)))[key(tabId)];
    return typeof frameId === 'number' ? frameId : undefined;
  }

  const handlers: HandlersFor<'page.focused' | 'page.insert'> = {
    'page.focused': async (_p, sender) => {
      await browser.storage.session.set({ [key(tabOf(sender))]: sender.frameId ?? 0 });
      return { ok: true };
    },
    'page.insert': async ({ text }, sender): Promise<InsertResult> => {
      const tabId = tabOf(sender);
      const frameId = await focusedFrame(tabId);
      if (frameId === undefined) return { ok: false, reason: 'no-field' };
      const push: ContentPush = { type: 'content.insert', text };
      try {
        return (await browser.tabs.sendMessage(tabId, push, { frameId })) as InsertResult;
      } catch {
        return { ok: false, reason: 'field-gone' };
      }
    },
  };

  return {
    handlers,
    /** A closed tab's entry would otherwise stay in session storage until the browser quits. */
    forgetTab: (tabId: number) => browser.storage.session.remove(key(tabId)),
  };
}
