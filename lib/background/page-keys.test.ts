/** Page shortcuts in the background: which combos content scripts take, and the re-check on receipt. */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { testBrowser } from './fake-browser';
import * as repo from '@/lib/db/repo';
import { db } from '@/lib/db/schema';
import type { Handlers } from '@/lib/messaging/server';
import { createPageKeysService } from './page-keys';
import { createPanelPorts } from './panel-ports';

const d = db();
let h: Partial<Handlers>;
let service: ReturnType<typeof createPageKeysService>;
const tab = { tab: { id: 7 }, frameId: 0 };

beforeEach(async () => {
  fakeBrowser.reset();
  await d.kv.clear();
  service = createPageKeysService({ db: d, browser: testBrowser, ports: createPanelPorts(async () => 'panel') });
  h = service.handlers;
});

describe('page shortcuts', () => {
  it('are off by default: content scripts take no keys, and a key sent anyway is refused', async () => {
    expect(await h['page.shortcuts']!({}, tab)).toEqual({ combos: [] });
    await expect(h['page.key']!({ combo: 'Alt+N' }, tab)).rejects.toThrow('"Alt+N" is not a panel shortcut taken from the page.');
  });

  it('when on, are the Alt combos of the effective keymap, and only those reach the panel', async () => {
    await repo.patchSettings(d, { pageShortcuts: true, shortcuts: { next: 'Alt+J', search: 'Ctrl+Shift+F' } });
    const { combos } = await h['page.shortcuts']!({}, tab);
    expect(combos).toContain('Alt+J');
    expect(combos).toContain('Alt+1');
    expect(combos).not.toContain('Alt+N');
    expect(combos).not.toContain('Ctrl+Shift+F');
    expect(await h['page.key']!({ combo: 'Alt+J' }, tab)).toEqual({ delivered: 0 });
    await expect(h['page.key']!({ combo: 'Ctrl+Shift+F' }, tab)).rejects.toThrow('not a panel shortcut');
    await expect(h['page.key']!({ combo: 'Alt+J' }, {})).rejects.toThrow('must come from a browser tab');
  });

  it('tell open tabs at once when the agent changes them', async () => {
    const sent: unknown[] = [];
    fakeBrowser.tabs.sendMessage = vi.fn(async (_tabId: number, message: unknown) => void sent.push(message)) as typeof fakeBrowser.tabs.sendMessage;
    await fakeBrowser.tabs.create({ url: 'http://127.0.0.1/index.html' });
    const watching = service.watch();
    await repo.patchSettings(d, { pageShortcuts: true });
    await vi.waitFor(() => expect(sent).toContainEqual(expect.objectContaining({ type: 'content.shortcuts', combos: expect.arrayContaining(['Alt+N']) })));
    sent.length = 0;
    await repo.patchSettings(d, { pageShortcuts: false });
    await vi.waitFor(() => expect(sent.length).toBeGreaterThan(0));
    // To every tab (the fake browser has one of its own besides ours): none take keys now.
    await vi.waitFor(async () => expect(sent).toHaveLength((await fakeBrowser.tabs.query({})).length));
    for (const m of sent) expect(m).toEqual({ type: 'content.shortcuts', combos: [] });
    watching.unsubscribe();
  });
});
