/**
 * The pages Cuecard runs in, and the CSS-only dock script that reserves the panel's width
 * before a site's first layout (lib/panel-host/dock.ts).
 */
import * as repo from '../db/repo';
import type { Layout } from '../messaging/protocol';
import { dockFile } from '../panel-host/dock';
import type { ServiceDeps } from './deps';

/** Where the background keeps the match patterns it injects into (read by tests and the bench too). */
export const SITES_KEY = 'cuecardSites';
/** Earlier versions registered the content script; the registration outlives updates. */
const LEGACY_SCRIPT_ID = 'cuecard-crm';
const DOCK_ID = 'cuecard-dock';

export function createSitesService({ db, browser }: ServiceDeps) {
  // Registration changes run one at a time: the worker's start, onInstalled and a layout change
  // can all want one at once, and two "register cuecard-dock" calls racing each other fail with a
  // duplicate id (which, unhandled, kept the install from injecting into the open tabs).
  let queue: Promise<unknown> = Promise.resolve();
  function serial<T>(work: () => Promise<T>): Promise<T> {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Hosts the manifest grants up front. MV2 (the Firefox build) has no `host_permissions`: WXT
   * moves them into `permissions`, beside API names, so there they are the entries with a scheme.
   */
  function manifestHosts(): string[] {
    const m = browser.runtime.getManifest();
    return m.host_permissions ?? (m.permissions ?? []).filter((p) => p.includes('://'));
  }

  async function applyDock(layout: Layout, matches: string[]): Promise<void> {
    const file = layout.open ? dockFile(layout.width) : null;
    const existing = await browser.scripting.getRegisteredContentScripts({ ids: [DOCK_ID] });
    if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [DOCK_ID] });
    if (!file || !matches.length) return;
    await browser.scripting.registerContentScripts([
      { id: DOCK_ID, css: [file], matches, runAt: 'document_start', allFrames: false, persistAcrossSessions: true },
    ]);
  }

  /**
   * The sites the agent or an admin added (and whose host permission was granted from a
   * click), plus any host the manifest grants up front (only the demo build has those: the
   * local demo CRM). Kept in session storage, so a worker that wakes for a page load does not
   * open the database to learn them.
   */
  function syncSites(sites: string[]): Promise<string[]> {
    return serial(async () => {
      const fixed = manifestHosts();
      const granted: string[] = [];
      for (const site of sites) {
        if (await browser.permissions.contains({ origins: [site] })) granted.push(site);
      }
      const matches = [...new Set([...fixed, ...granted])];
      await browser.storage.session.set({ [SITES_KEY]: matches });
      const legacy = await browser.scripting.getRegisteredContentScripts({ ids: [LEGACY_SCRIPT_ID] }).catch(() => []);
      if (legacy.length) await browser.scripting.unregisterContentScripts({ ids: [LEGACY_SCRIPT_ID] }).catch(() => undefined);
      // The dock is a head start, not a condition: failing to register it must not stop the sites.
      const settings = await repo.getSettings(db).catch(() => undefined);
      if (settings) await applyDock({ open: settings.panelOpen, width: settings.panelWidth }, matches).catch(() => undefined);
      return matches;
    });
  }

  /** syncSites for the sites in the stored settings. */
  const resyncSites = async () => syncSites((await repo.getSettings(db)).sites);

  /** The current match patterns: from session storage, or worked out again after a browser restart. */
  async function currentSites(): Promise<string[]> {
    const stored = (await browser.storage.session.get(SITES_KEY))[SITES_KEY];
    if (Array.isArray(stored)) return stored as string[];
    return resyncSites();
  }

  /**
   * Keeps the dock script in line with the panel: registered for the sites' top pages while the
   * panel is open, gone while it is collapsed. Pages already open are not touched: the panel
   * there sets its own margin.
   */
  async function syncDock(layout: Layout): Promise<void> {
    const matches = await currentSites();
    return serial(() => applyDock(layout, matches));
  }

  return { syncSites, resyncSites, currentSites, syncDock };
}

export type SitesService = ReturnType<typeof createSitesService>;
