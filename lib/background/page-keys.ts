/**
 * Page shortcuts (Options → "also take these Alt shortcuts in the CRM page", off by default):
 * content scripts ask which combos to take, and hand each one taken here; it goes to the
 * panel of that tab over its port — never through window.postMessage, which a page could forge.
 */
import { liveQuery } from 'dexie';
import * as repo from '../db/repo';
import type { ContentPush } from '../messaging/protocol';
import type { HandlersFor } from '../messaging/server';
import type { Settings } from '../settings/schema';
import { effectiveBindings, forwardableCombos } from '../shortcuts/keymap';
import type { PanelServiceDeps } from './deps';

/** The combos content scripts take from the page: none unless the agent turned it on. */
export function pageCombos(s: Settings): string[] {
  return s.pageShortcuts ? forwardableCombos(effectiveBindings(s.shortcuts)) : [];
}

const SENT = 'pageKeys:sent';

export function createPageKeysService({ db, browser, ports }: PanelServiceDeps) {
  const handlers: HandlersFor<'page.shortcuts' | 'page.key'> = {
    'page.shortcuts': async () => ({ combos: pageCombos(await repo.getSettings(db)) }),
    'page.key': async ({ combo }, sender) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined) throw new Error('This request must come from a browser tab.');
      // Checked again here: a content script is told the combos, but only the settings decide.
      if (!pageCombos(await repo.getSettings(db)).includes(combo)) throw new Error(`"${combo}" is not a panel shortcut taken from the page.`);
      return { delivered: ports.toTab(tabId, { type: 'page.key', combo }) };
    },
  };

  /**
   * Open CRM tabs learn new combos at once when the agent changes them in Options. What was
   * last sent is kept in session storage: the worker may have been asleep, and woken by the very
   * settings change it must pass on.
   */
  async function announce(settings: Settings) {
    const combos = pageCombos(settings);
    const key = combos.join(' ');
    const sent = (await browser.storage.session.get(SENT))[SENT];
    if (sent === key) return;
    await browser.storage.session.set({ [SENT]: key });
    const push: ContentPush = { type: 'content.shortcuts', combos };
    for (const tab of await browser.tabs.query({})) {
      if (tab.id !== undefined) void browser.tabs.sendMessage(tab.id, push).catch(() => undefined);
    }
  }

  /** Announce each settings change (a live query: changes from any page of ours count). */
  const watch = () => liveQuery(() => repo.getSettings(db)).subscribe({ next: (settings) => void announce(settings), error: () => undefined });

  return { handlers, announce, watch };
}
