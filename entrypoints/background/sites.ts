import { browser } from 'wxt/browser';
import * as repo from '@/lib/db/repo';
import { db } from '@/lib/db/schema';

const SCRIPT_ID = 'cuecard-crm';
const SCRIPT_FILE = '/content-scripts/crm.js';

/**
 * Content scripts are registered at runtime for the sites the agent or an admin added
 * (and whose host permission was granted from a click), plus any host the manifest
 * grants up front (only the demo build has those: the local demo CRM).
 */
export async function syncSites(sites: string[]): Promise<string[]> {
  const fixed = browser.runtime.getManifest().host_permissions ?? [];
  const granted: string[] = [];
  for (const site of sites) {
    if (await browser.permissions.contains({ origins: [site] })) granted.push(site);
  }
  const matches = [...new Set([...fixed, ...granted])];
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (matches.length) {
    await browser.scripting.registerContentScripts([
      { id: SCRIPT_ID, js: [SCRIPT_FILE], matches, allFrames: true, runAt: 'document_idle', persistAcrossSessions: true },
    ]);
  }
  return matches;
}

/** After an install or update, open CRM tabs get the new content script without a reload. */
async function injectIntoOpenTabs(matches: string[]) {
  if (!matches.length) return;
  const tabs = await browser.tabs.query({ url: matches });
  await Promise.all(
    tabs.map((tab) =>
      tab.id === undefined
        ? undefined
        : browser.scripting
            .executeScript({ target: { tabId: tab.id, allFrames: true }, files: [SCRIPT_FILE] })
            .catch(() => undefined),
    ),
  );
}

export function setupSites() {
  browser.runtime.onInstalled.addListener(async () => {
    const matches = await syncSites((await repo.getSettings(db())).sites);
    await injectIntoOpenTabs(matches);
  });
  browser.permissions.onRemoved.addListener(async () => {
    await syncSites((await repo.getSettings(db())).sites);
  });
}
