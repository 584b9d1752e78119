/** Registration changes from the worker's start, onInstalled and layout changes, all at once. */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { testBrowser } from './fake-browser';
import * as repo from '@/lib/db/repo';
import { db } from '@/lib/db/schema';
import { createSitesService, SITES_KEY } from './sites';

let service: ReturnType<typeof createSitesService>;
const currentSites = () => service.currentSites();
const syncSites = (sites: string[]) => service.syncSites(sites);
const syncDock = (layout: { open: boolean; width: number }) => service.syncDock(layout);

type Script = { id: string; css?: string[]; matches?: string[] };
let registered: Map<string, Script>;

beforeEach(async () => {
  fakeBrowser.reset();
  service = createSitesService({ db: db(), browser: testBrowser });
  await db().kv.clear();
  registered = new Map([['cuecard-crm', { id: 'cuecard-crm' }]]); // left by an older version
  const later = () => new Promise((r) => setTimeout(r, Math.random() * 4));
  // Chrome's behaviour: a duplicate id or an unknown id is an error.
  Object.assign(fakeBrowser.scripting, {
    getRegisteredContentScripts: vi.fn(async ({ ids }: { ids: string[] }) => (await later(), ids.flatMap((id) => registered.get(id) ?? []))),
    registerContentScripts: vi.fn(async (list: Script[]) => {
      await later();
      for (const s of list) if (registered.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
      for (const s of list) registered.set(s.id, s);
    }),
    unregisterContentScripts: vi.fn(async ({ ids }: { ids: string[] }) => {
      await later();
      for (const id of ids) if (!registered.delete(id)) throw new Error(`Nonexistent script ID '${id}'`);
    }),
  });
  fakeBrowser.runtime.getManifest = (() => ({ manifest_version: 3, name: 'x', version: '1', host_permissions: ['http://localhost/*'] })) as never;
  fakeBrowser.permissions.contains = vi.fn(async () => true) as never;
});

describe('sites and the dock registration', () => {
  it('survive the worker start, onInstalled and a layout change racing each other', async () => {
    const { sites } = await repo.patchSettings(db(), { sites: ['https://crm.example.com/*'] });
    const results = await Promise.allSettled([currentSites(), syncSites(sites), syncDock({ open: true, width: 400 }), syncSites(sites)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect((await fakeBrowser.storage.session.get(SITES_KEY))[SITES_KEY]).toEqual(['http://localhost/*', 'https://crm.example.com/*']);
    expect([...registered.keys()]).toEqual(['cuecard-dock']); // the legacy script is gone, one dock left
  });

  it('register the dock while the panel is open, at its width, and drop it while collapsed', async () => {
    await repo.patchSettings(db(), { panelOpen: true });
    await syncSites([]);
    expect(registered.get('cuecard-dock')).toMatchObject({ css: ['dock/360.css'], matches: ['http://localhost/*'] });
    await syncDock({ open: false, width: 360 });
    expect(registered.has('cuecard-dock')).toBe(false);
    await syncDock({ open: true, width: 370 }); // no stylesheet between steps: no head start
    expect(registered.has('cuecard-dock')).toBe(false);
  });

  it('read the hosts an MV2 manifest (Firefox) grants up front from its permissions', async () => {
    // WXT moves host_permissions into permissions for MV2, beside API names.
    fakeBrowser.runtime.getManifest = (() => ({
      manifest_version: 2,
      name: 'x',
      version: '1',
      permissions: ['storage', 'alarms', 'http://127.0.0.1/*'],
    })) as never;
    expect(await syncSites(['https://crm.example.com/*'])).toEqual(['http://127.0.0.1/*', 'https://crm.example.com/*']);
  });
});
