/** Injection after load: which frames get the content script, and how requests for one tab coalesce. */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { testBrowser } from './fake-browser';
import { db } from '@/lib/db/schema';
import { createInjectService, framesToInject } from './inject';
import { createSitesService, SITES_KEY } from './sites';

type Target = { tabId: number; allFrames?: boolean; frameIds?: number[] };
type Call = { target: Target; func?: unknown; files?: string[] };

let calls: Call[];
let service: ReturnType<typeof createInjectService>;
const injectTab = (tabId: number) => service.injectTab(tabId);
let frames: { frameId: number; result: unknown }[];

beforeEach(async () => {
  fakeBrowser.reset();
  service = createInjectService({ browser: testBrowser, sites: createSitesService({ db: db(), browser: testBrowser }) });
  await fakeBrowser.storage.session.set({ [SITES_KEY]: ['http://crm.example.com/*', 'https://*.acme.cn/*'] });
  calls = [];
  frames = [
    { frameId: 0, result: { href: 'http://crm.example.com/console', live: false } },
    { frameId: 3, result: { href: 'https://billing.acme.cn/a?b=1', live: false } },
    { frameId: 4, result: { href: 'https://ads.example.net/', live: false } },
  ];
  fakeBrowser.scripting.executeScript = vi.fn(async (inj: Call) => {
    calls.push(inj);
    await new Promise((r) => setTimeout(r, 5));
    return inj.func ? frames : [];
  }) as never;
});

const injected = () => calls.filter((c) => c.files).map((c) => c.target.frameIds);

describe('framesToInject', () => {
  const sites = ['http://crm.example.com/*'];
  it('keeps frames on a site without a live script, in frame order', () => {
    const r = framesToInject(
      [
        { frameId: 0, result: { href: 'http://crm.example.com/', live: false } },
        { frameId: 1, result: { href: 'http://crm.example.com/frame', live: true } },
        { frameId: 2, result: { href: 'http://other.example.com/', live: false } },
        { frameId: 5, result: { href: 'http://crm.example.com:8080/x', live: false } },
      ],
      sites,
    );
    expect(r).toEqual([0, 5]);
  });
  it('ignores frames that answered nothing usable (about:blank, errors, odd shapes)', () => {
    const r = framesToInject(
      [
        { frameId: 0 },
        { frameId: 1, result: 'http://crm.example.com/' },
        { frameId: 2, result: { href: 42 } },
        { frameId: 3, result: { href: 'about:blank', live: false } },
      ],
      sites,
    );
    expect(r).toEqual([]);
  });
  it('takes about:blank and about:srcdoc frames by the origin they inherited, never a sandboxed one', () => {
    const r = framesToInject(
      [
        { frameId: 1, result: { href: 'about:blank', origin: 'http://crm.example.com', live: false } },
        { frameId: 2, result: { href: 'about:srcdoc', origin: 'http://crm.example.com', live: false } },
        { frameId: 3, result: { href: 'about:srcdoc', origin: 'null', live: false } },
        { frameId: 4, result: { href: 'about:blank', origin: 'http://ads.example.net', live: false } },
        { frameId: 6, result: { href: 'about:blank', origin: 'http://crm.example.com', live: true } },
        // A frame's own http URL decides, whatever origin it claims.
        { frameId: 7, result: { href: 'http://ads.example.net/', origin: 'http://crm.example.com', live: false } },
      ],
      sites,
    );
    expect(r).toEqual([1, 2]);
  });
});

describe('injectTab', () => {
  it('probes every frame, then injects the script file into the site frames only', async () => {
    expect(await injectTab(11)).toEqual([0, 3]);
    expect(calls[0]).toMatchObject({ target: { tabId: 11, allFrames: true } });
    expect(typeof calls[0]!.func).toBe('function');
    expect(calls[1]).toEqual({ target: { tabId: 11, frameIds: [0, 3] }, files: ['/content-scripts/crm.js'] });
  });

  it('injects nothing when every site frame already has a live script', async () => {
    frames = frames.map((f) => ({ ...f, result: { ...(f.result as object), live: true } }));
    expect(await injectTab(12)).toEqual([]);
    expect(injected()).toEqual([]);
  });

  it('does nothing at all when no site is configured', async () => {
    await fakeBrowser.storage.session.set({ [SITES_KEY]: [] });
    expect(await injectTab(13)).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('serves a burst of requests for one tab with one pass running and one more queued', async () => {
    const first = injectTab(14);
    const sameTick = injectTab(14);
    expect(sameTick).toBe(first); // not started yet: that pass will see the new frame too
    await new Promise((r) => setTimeout(r, 1)); // the first pass is now probing
    const later = [injectTab(14), injectTab(14), injectTab(14)];
    expect(later[1]).toBe(later[0]);
    expect(later[2]).toBe(later[0]);
    await Promise.all([first, ...later]);
    expect(calls.filter((c) => c.func)).toHaveLength(2);
    // A request after the burst is over starts a fresh pass.
    await injectTab(14);
    expect(calls.filter((c) => c.func)).toHaveLength(3);
  });

  it('keeps going when a tab cannot be scripted (no permitted frame)', async () => {
    fakeBrowser.scripting.executeScript = vi.fn(async () => {
      throw new Error('Cannot access contents of the page');
    }) as never;
    expect(await injectTab(15)).toEqual([]);
  });
});

describe('page.frames', () => {
  it('injects into the sender tab', async () => {
    await expect(service.handlers['page.frames']({}, { tab: { id: 21 }, frameId: 2 })).resolves.toEqual({ ok: true });
    expect(calls[0]!.target.tabId).toBe(21);
  });
});
