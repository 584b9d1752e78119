import { browser } from 'wxt/browser';
import * as repo from '@/lib/db/repo';
import { db } from '@/lib/db/schema';
import type { ContentPush } from '@/lib/messaging/protocol';

// The browser-level shortcut (Alt+Shift+K by default, changeable at chrome://extensions/shortcuts)
// toggles the panel in the active tab. The content script also listens for the same keys,
// for browsers that hand them to the page instead.
export function setupCommands() {
  browser.commands?.onCommand.addListener(async (command, tab) => {
    if (command !== 'toggle-panel' || tab?.id === undefined) return;
    const d = db();
    const settings = await repo.patchSettings(d, { panelOpen: !(await repo.getSettings(d)).panelOpen });
    const push: ContentPush = { type: 'content.layout', layout: { open: settings.panelOpen, width: settings.panelWidth } };
    await browser.tabs.sendMessage(tab.id, push).catch(() => undefined);
  });
}
