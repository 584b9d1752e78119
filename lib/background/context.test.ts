/** What `context.read` asks the tab's frames to look for (issue 14.5: the picker's reads look for no field). */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { Pack } from '@/lib/pack/schema';
import type { ContentPush } from '@/lib/messaging/protocol';
import * as repo from '@/lib/db/repo';
import { db } from '@/lib/db/schema';
import defaultPack from '../../public/packs/default.json';
import { testBrowser } from './fake-browser';
import { createContextService } from './context';

const pack = defaultPack as Pack;
const d = db();
const panel = { id: fakeBrowser.runtime.id, url: 'chrome-extension://x/panel.html', tab: { id: 7, url: 'http://127.0.0.1/index.html?tab=complaint' } };
const pushes: ContentPush[] = [];

beforeEach(async () => {
  fakeBrowser.reset();
  pushes.length = 0;
  await repo.installPack(d, { id: pack.id, version: pack.version, pack, source: 'bundled', installedAt: 1 });
  // One frame, whose content script answers with what it was asked about.
  vi.spyOn(testBrowser.scripting, 'executeScript').mockResolvedValue([{ frameId: 0, documentId: 'd', result: 0 }] as never);
  vi.spyOn(testBrowser.tabs, 'sendMessage').mockImplementation((async (_tab: number, push: ContentPush) => {
    pushes.push(push);
    if (push.type !== 'content.read') return undefined;
    const fields = push.sites.flatMap((s) => s.fields.map((f) => f.id));
    return { values: Object.fromEntries(fields.map((id) => [id, 'x'])), fields, suggest: ['complaint'] };
  }) as never);
});

describe('context.read', () => {
  const read = (payload: { only?: 'suggest' }) =>
    createContextService({ db: d, browser: testBrowser }).handlers['context.read']({ packId: pack.id, version: pack.version, ...payload }, panel);

  it('sends the fields for a run', async () => {
    const ctx = await read({});
    const sent = pushes.find((p) => p.type === 'content.read');
    expect(sent?.type === 'content.read' && sent.sites.flatMap((s) => s.fields.map((f) => f.id))).toEqual([
      'customer.name',
      'customer.phone',
      'customer.account',
      'ticket.id',
    ]);
    expect(ctx).toMatchObject({ fields: ['customer.name', 'customer.phone', 'customer.account', 'ticket.id'], suggest: ['complaint'], frames: 1 });
  });

  it('sends only the suggestion rules for the picker: no frame looks for a field', async () => {
    const ctx = await read({ only: 'suggest' });
    const sent = pushes.find((p) => p.type === 'content.read');
    expect(sent?.type === 'content.read' && sent.sites.map((s) => [s.fields.length, s.suggest?.length])).toEqual([[0, 2]]);
    expect(ctx).toEqual({ values: {}, fields: [], suggest: ['complaint'], frames: 1 });
  });
});
