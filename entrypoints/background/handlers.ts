import { browser } from 'wxt/browser';
import * as repo from '@/lib/db/repo';
import { DEFAULT_SETTINGS } from '@/lib/settings/schema';
import { db } from '@/lib/db/schema';
import type { Handlers, SenderInfo } from '@/lib/messaging/server';
import type { ContentPush, InsertResult, Layout } from '@/lib/messaging/protocol';
import { pushToPanels } from './ports';
import { ensureDefaultPack, importPackText, packMeta, packsForState } from './packs';
import { syncDock, syncSites } from './sites';
import { injectIntoOpenTabs } from './inject';
import { activateRun, activeRunForTab, historyWithLabels, openRunsWithLabels, removeRun, storeRun } from '@/lib/runs/store-run';
import { forgetFollowUps } from './followups';
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

export function createHandlers(): Partial<Handlers> {
  const d = db();
  const session = browser.storage.session;
  return {
    'state.load': async (_p, sender) => {
      // The first panel may open before onInstalled has finished installing the default pack.
      if ((await d.packs.count()) === 0) await ensureDefaultPack(d);
      const [settings, openRuns, activeRunId] = await Promise.all([repo.getSettings(d), openRunsWithLabels(d, session), activeRunForTab(d, session, sender.tab?.id)]);
      const { packs, meta } = await packsForState(d, openRuns);
      return { settings, packs, packMeta: meta, openRuns, activeRunId };
    },
    'run.put': async ({ run }, sender) => {
      const result = await storeRun(d, session, run); // the higher revision wins
      if (result.saved) pushToPanels({ type: 'run.changed', run }, { tabId: sender.tab?.id, frameId: sender.frameId });
      return result;
    },
    'run.delete': async ({ runId }) => {
      const followUps = await removeRun(d, session, runId);
      await forgetFollowUps(followUps);
      return { deleted: true, followUps: followUps.length };
    },
    'run.owned': async ({ runId }) => ({ followUps: (await repo.followUpsOfRun(d, runId)).length }),
    'run.activate': async ({ runId }, sender) => ({ activeRunId: await activateRun(d, session, sender.tab?.id, runId) }),
    'runs.history': async ({ limit }) => ({ runs: await historyWithLabels(d, session, limit) }),
    'settings.patch': async ({ patch }, sender) => {
      const settings = await repo.patchSettings(d, patch);
      pushToPanels({ type: 'settings.changed', settings }, { tabId: sender.tab?.id, frameId: sender.frameId });
      if (patch.sites) {
        await syncSites(settings.sites);
        void injectIntoOpenTabs(); // a site just added works in its open tabs without a reload
      }
      return { settings };
    },
    'pack.get': async ({ packId, version }) => ({ pack: await repo.getPack(d, packId, version) }),
    'pack.import': async ({ text }) => {
      const installed = await importPackText(d, text, 'file');
      pushToPanels({ type: 'packs.changed' });
      return { installed: packMeta(installed) };
    },
    'sites.sync': async () => ({ registered: await syncSites((await repo.getSettings(d)).sites) }),
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
