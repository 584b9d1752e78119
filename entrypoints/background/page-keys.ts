/**
 * Page shortcuts (Options → "also take these Alt shortcuts in the CRM page", off by default):
 * content scripts ask which combos to take, and hand each one taken here; it goes to the
 * panel of that tab over its port — never through window.postMessage, which a page could forge.
 */
import { liveQuery } from 'dexie';
import { browser } from 'wxt/browser';
import * as repo from '@/lib/db/repo';
import { db } from '@/lib/db/schema';
import type { ContentPush } from '@/lib/messaging/protocol';
import type { HandlersFor } from '@/lib/messaging/server';
import type { Settings } from '@/lib/settings/schema';
import { effectiveBindings, forwardableCombos } from '@/lib/shortcuts/keymap';
import { pushToTab } from './ports';

/** The combos content scripts take from the page: none unless the agent turned it on. */
export function pageCombos(s: Settings): string[] {
  return s.pageShortcuts ? forwardableCombos(effectiveBindings(s.shortcuts)) : [];
}

export function pageKeyHandlers(): HandlersFor<'page.shortcuts' | 'page.key'> {
  const d = db();
  return {
    'page.shortcuts': async () => ({ combos: pageCombos(await repo.getSettings(d)) }),
    'page.key': async ({ combo }, sender) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined) throw new Error('This request must come from a browser tab.');
      // Checked again here: a content script is told the combos, but only the settings decide.
      if (!pageCombos(await repo.getSettings(d)).includes(combo)) throw new Error(`"${combo}" is not a panel shortcut taken from the page.`);
      return { delivered: pushToTab(tabId, { type: 'page.key', combo }) };
    },
  };
}

const SENT = 'pageKeys:sent';

/**
 * Open CRM tabs learn new combos at once when the agent changes them in Options. What was
 * last sent is kept in session storage: the worker may have been asleep, and woken by the very
 * settings change it must pass on.
 */
export function setupPageKeys() {
  liveQuery(() => repo.getSettings(db())).subscribe({
    next: async (settings) => {
      const combos = pageCombos(settings);
      const key = combos.join(' ');
      const sent = (await browser.storage.session.get(SENT))[SENT];
      if (sent === key) return;
      await browser.storage.session.set({ [SENT]: key });
      const push: ContentPush = { type: 'content.shortcuts', combos };
      for (const tab of await browser.tabs.query({})) {
        if (tab.id !== undefined) void browser.tabs.sendMessage(tab.id, push).catch(() => undefined);
      }
    },
    error: () => undefined,
  });
}
