/** Settings, layout and insert services against fakeBrowser and fake-indexeddb. */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import * as repo from '@/lib/db/repo';
import { db } from '@/lib/db/schema';
import { testBrowser } from './fake-browser';
import { createFocusService } from './focus';
import { createLayoutService } from './layout';
import { createSettingsService } from './settings';

const d = db();
const pushes: Array<{ push: unknown; except?: unknown }> = [];
const ports = { toPanels: (push: unknown, except?: unknown) => void pushes.push({ push, except }), toTab: () => 0, accept: () => undefined };
const panel = { tab: { id: 3 }, frameId: 7 };

beforeEach(async () => {
  fakeBrowser.reset();
  await d.kv.clear();
  pushes.length = 0;
});

describe('settings service', () => {
  it('stores a preferences patch and tells the other panels, not the sender; a sites change re-syncs and injects', async () => {
    const sites = { syncSites: vi.fn(async (s: string[]) => s) };
    const inject = { injectIntoOpenTabs: vi.fn(async () => undefined) };
    const h = createSettingsService({ db: d, ports: ports as never, sites, inject });
    const { settings } = await h['prefs.patch']({ patch: { mode: 'experienced' } }, panel);
    expect(settings.mode).toBe('experienced');
    expect((await repo.getSettings(d)).mode).toBe('experienced');
    expect(pushes).toEqual([{ push: { type: 'settings.changed', settings }, except: { tabId: 3, frameId: 7 } }]);
    expect(sites.syncSites).not.toHaveBeenCalled();
    await h['settings.patch']({ patch: { sites: ['https://crm.example.com/*'] } }, { frameId: 0 });
    expect(sites.syncSites).toHaveBeenCalledWith(['https://crm.example.com/*']);
    expect(inject.injectIntoOpenTabs).toHaveBeenCalledTimes(1);
  });
});

describe('layout service', () => {
  it('panel.setOpen stores the choice, lays out every tab, re-docks and tells every panel', async () => {
    const sent: Array<[number, unknown]> = [];
    fakeBrowser.tabs.sendMessage = vi.fn(async (tabId: number, m: unknown) => void sent.push([tabId, m])) as never;
    const tab = await fakeBrowser.tabs.create({ url: 'http://127.0.0.1/index.html' });
    const sites = { syncDock: vi.fn(async () => undefined) };
    const layout = createLayoutService({ db: d, browser: testBrowser, ports: ports as never, sites });
    expect(await layout.handlers['panel.setOpen']({ open: false }, panel)).toEqual({ open: false, width: 360 });
    expect((await repo.getSettings(d)).panelOpen).toBe(false);
    expect(sent).toContainEqual([tab.id, { type: 'content.layout', layout: { open: false, width: 360 } }]);
    expect(sites.syncDock).toHaveBeenCalledWith({ open: false, width: 360 });
    expect(pushes.map((p) => (p.push as { type: string }).type)).toEqual(['settings.changed']);
    expect(await layout.toggle()).toEqual({ open: true, width: 360 });
    expect(await layout.handlers['page.layout']({}, panel)).toEqual({ open: true, width: 360 });
  });

  it('page.layout answers the defaults when the database cannot be read', async () => {
    const broken = { ...d, kv: { get: async () => Promise.reject(new Error('closed')) } } as unknown as typeof d;
    const layout = createLayoutService({ db: broken, browser: testBrowser, ports: ports as never, sites: { syncDock: async () => undefined } });
    expect(await layout.handlers['page.layout']({}, panel)).toEqual({ open: true, width: 360 });
  });
});

describe('focus service', () => {
  it('sends an insert to the frame that last had a field focused, and says why when there is none', async () => {
    const focus = createFocusService({ browser: testBrowser });
    expect(await focus.handlers['page.insert']({ text: 'hi' }, panel)).toEqual({ ok: false, reason: 'no-field' });
    await focus.handlers['page.focused']({}, { tab: { id: 3 }, frameId: 5 });
    const sendMessage = vi.fn(async () => ({ ok: true, method: 'execCommand' }));
    fakeBrowser.tabs.sendMessage = sendMessage as never;
    expect(await focus.handlers['page.insert']({ text: 'hi' }, panel)).toEqual({ ok: true, method: 'execCommand' });
    expect(sendMessage).toHaveBeenCalledWith(3, { type: 'content.insert', text: 'hi' }, { frameId: 5 });
    fakeBrowser.tabs.sendMessage = vi.fn(async () => Promise.reject(new Error('gone'))) as never;
    expect(await focus.handlers['page.insert']({ text: 'hi' }, panel)).toEqual({ ok: false, reason: 'field-gone' });
    await focus.forgetTab(3);
    expect(await focus.handlers['page.insert']({ text: 'hi' }, panel)).toEqual({ ok: false, reason: 'no-field' });
    await expect(focus.handlers['page.focused']({}, {})).rejects.toThrow('must come from a browser tab');
  });
});
