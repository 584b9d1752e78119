import { browser } from 'wxt/browser';
import * as repo from '@/lib/db/repo';
import { DEFAULT_SETTINGS } from '@/lib/settings/schema';
import { db } from '@/lib/db/schema';
import type { HandlersFor, SenderInfo } from '@/lib/messaging/server';
import type { SettingsPatch } from '@/lib/settings/schema';
import type { ContentPush, InsertResult, Layout } from '@/lib/messaging/protocol';
import { pushToPanels } from './ports';
import { ensureDefaultPack, importPackText, packMeta, packsForState } from './packs';
import { syncDock, syncSites } from './sites';
import { injectIntoOpenTabs } from './inject';
import { forgetKept } from './context';
import { focusedFrame, rememberFocus } from './focus';

function tabOf(sender: SenderInfo): number {
  const id = sender.tab?.id;
  if (id === undefined) throw new Error('This request must come from a browser tab.');
  return id;
}

/**
 * Open/collapsed is one setting for all the agent's CRM tabs, so every tab's host follows it:
 * a tab left wide while its panel shows only the collapsed tab would waste the page's width.
 * Tabs without our content script refuse the message; that is expected.
 */
export async function pushLayoutToAllTabs(layout: Layout) {
  const push: ContentPush = { type: 'content.layout', layout };
  const docked = syncDock(layout).catch(() => undefined); // pages loaded from now on start docked (or not)
  const tabs = await browser.tabs.query({});
  await Promise.all([docked, ...tabs.map((t) => (t.id === undefined ? undefined : browser.tabs.sendMessage(t.id, push).catch(() => undefined)))]);
}

type Owned = 'state.load' | 'run.put' | 'run.delete' | 'runs.history' | 'prefs.patch' | 'settings.patch' | 'pack.import' | 'page.insert' | 'panel.setOpen' | 'page.focused' | 'page.layout';

export function createHandlers(): HandlersFor<Owned> {
  const d = db();
  async function patchAndTell(patch: SettingsPatch, sender: SenderInfo) {
    const settings = await repo.patchSettings(d, patch);
    pushToPanels({ type: 'settings.changed', settings }, { tabId: sender.tab?.id, frameId: sender.frameId });
    if (patch.sites) {
      await syncSites(settings.sites);
      void injectIntoOpenTabs(); // a site just added works in its open tabs without a reload
    }
    return { settings };
  }
  return {
    'state.load': async () => {
      // The first panel may open before onInstalled has finished installing the default pack.
      if ((await d.packs.count()) === 0) await ensureDefaultPack(d);
      const [settings, openRuns] = await Promise.all([repo.getSettings(d), repo.openRuns(d)]);
      const { packs, meta } = await packsForState(d, openRuns);
      return { settings, packs, packMeta: meta, openRuns };
    },
    'run.put': async ({ run }, sender) => {
      await repo.putRun(d, run);
      pushToPanels({ type: 'run.changed', run }, { tabId: sender.tab?.id, frameId: sender.frameId });
      return { saved: true, run };
    },
    'run.delete': async ({ runId }) => {
      await d.runs.delete(runId);
      await forgetKept(runId);
      return { deleted: true };
    },
    'runs.history': async ({ limit }) => ({ runs: await repo.finishedRuns(d, limit) }),
    'prefs.patch': ({ patch }, sender) => patchAndTell(patch, sender),
    'settings.patch': ({ patch }, sender) => patchAndTell(patch, sender),
    'pack.import': async ({ text }) => {
      const installed = await importPackText(d, text, 'file');
      pushToPanels({ type: 'packs.changed' });
      return { installed: packMeta(installed) };
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
    'panel.setOpen': async ({ open }) => {
      const settings = await repo.patchSettings(d, { panelOpen: open });
      const layout = { open, width: settings.panelWidth };
      await pushLayoutToAllTabs(layout);
      pushToPanels({ type: 'settings.changed', settings });
      return layout;
    },
    'page.focused': async (_p, sender) => {
      await rememberFocus(tabOf(sender), sender.frameId ?? 0);
      return { ok: true };
    },
    'page.layout': async () => {
      // A database that cannot be read must not keep the panel away: it mounts as by default
      // and says itself what is wrong (with Retry), instead of the CRM page showing nothing.
      const s = await repo.getSettings(d).catch(() => DEFAULT_SETTINGS);
      return { open: s.panelOpen, width: s.panelWidth };
    },
  };
}
