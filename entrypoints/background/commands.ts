import { browser } from 'wxt/browser';
import * as repo from '@/lib/db/repo';
import { db } from '@/lib/db/schema';
import { pushLayoutToAllTabs } from './handlers';
import { pushToPanels } from './ports';

// The browser-level shortcut (Alt+Shift+K by default, changeable at chrome://extensions/shortcuts)
// toggles the panel. Open/closed is one shared setting, so every CRM tab and panel follows,
// exactly as when the panel's own button or the in-page shortcut is used.
export function setupCommands() {
  browser.commands?.onCommand.addListener(async (command) => {
    if (command !== 'toggle-panel') return;
    const d = db();
    const settings = await repo.patchSettings(d, { panelOpen: !(await repo.getSettings(d)).panelOpen });
    await pushLayoutToAllTabs({ open: settings.panelOpen, width: settings.panelWidth });
    pushToPanels({ type: 'settings.changed', settings });
  });
}
