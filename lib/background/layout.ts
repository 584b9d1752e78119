/**
 * Open/collapsed and width: one setting for all the agent's CRM tabs, so every tab's host
 * follows it — a tab left wide while its panel shows only the collapsed tab would waste the
 * page's width. Changed by the panel, the in-page toggle key and the browser command.
 */
import * as repo from '../db/repo';
import type { ContentPush, Layout } from '../messaging/protocol';
import type { HandlersFor } from '../messaging/server';
import { DEFAULT_SETTINGS } from '../settings/schema';
import type { PanelServiceDeps } from './deps';
import type { SitesService } from './sites';

export function createLayoutService({ db, browser, ports, sites }: PanelServiceDeps & { sites: Pick<SitesService, 'syncDock'> }) {
  /** Tabs without our content script refuse the message; that is expected. */
  async function pushLayoutToAllTabs(layout: Layout) {
    const push: ContentPush = { type: 'content.layout', layout };
    const docked = sites.syncDock(layout).catch(() => undefined); // pages loaded from now on start docked (or not)
    const tabs = await browser.tabs.query({});
    await Promise.all([docked, ...tabs.map((t) => (t.id === undefined ? undefined : browser.tabs.sendMessage(t.id, push).catch(() => undefined)))]);
  }

  async function setOpen(open: boolean): Promise<Layout> {
    const settings = await repo.patchSettings(db, { panelOpen: open });
    const layout = { open: settings.panelOpen, width: settings.panelWidth };
    await pushLayoutToAllTabs(layout);
    ports.toPanels({ type: 'settings.changed', settings });
    return layout;
  }

  const handlers: HandlersFor<'page.layout' | 'panel.setOpen'> = {
    'page.layout': async () => {
      // A database that cannot be read must not keep the panel away: it mounts as by default
      // and says itself what is wrong (with Retry), instead of the CRM page showing nothing.
      const s = await repo.getSettings(db).catch(() => DEFAULT_SETTINGS);
      return { open: s.panelOpen, width: s.panelWidth };
    },
    'panel.setOpen': ({ open }) => setOpen(open),
  };

  return {
    handlers,
    /** The browser-level shortcut (Alt+Shift+K by default, chrome://extensions/shortcuts). */
    toggle: async () => setOpen(!(await repo.getSettings(db)).panelOpen),
  };
}
