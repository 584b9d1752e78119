/**
 * Studio ↔ the lead's CRM tab (issue 12). The lead sets the Studio address in options; a bridge
 * content script runs on that origin only, and its messages (sender kind `studio`, checked
 * against the exact origin in lib/messaging/sender.ts) may start pick mode or take a masked
 * snapshot in the CRM tab the lead used last. Whatever the CRM frames answer is parsed here
 * before it goes on: an anchor and a count, or a snapshot — never a field's value.
 */
import * as v from 'valibot';
import { matchesAny } from '../context/site-match';
import type { HandlersFor } from '../messaging/server';
import type { ContentPush } from '../messaging/protocol';
import { PickResultSchema, type PickReply, type SnapshotReply } from '../pick/bridge-types';
import { SNAPSHOT_KIND, SNAPSHOT_VERSION, SnapFrameSchema, readSnapshot, type SnapFrame } from '../pick/snapshot-schema';
import type { ServiceDeps } from './deps';

export const STUDIO_ORIGIN_KEY = 'cuecardStudioOrigin';
const BRIDGE_ID = 'cuecard-studio-bridge';
const BRIDGE_FILE = '/content-scripts/studio-bridge.js';
const PICK_FILE = '/pick.js';

/** `https://studio.example.com/x` → `https://studio.example.com`; throws naming the problem. */
export function studioOrigin(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new Error(`"${input}" is not a web address (like https://hub.example.com)`);
  }
  if (!/^https?:$/.test(url.protocol)) throw new Error(`"${input}" is not an http or https address`);
  return url.origin;
}

type Deps = ServiceDeps & { crmPatterns: () => Promise<string[]> };

export function createStudioBridge({ browser, crmPatterns }: Deps) {
  const stored = async () => ((await browser.storage.local.get(STUDIO_ORIGIN_KEY))[STUDIO_ORIGIN_KEY] as string | undefined) ?? undefined;

  /** The bridge runs on the Studio origin only (any port of its host: the sender check is exact). */
  async function register(origin: string | undefined) {
    const old = await browser.scripting.getRegisteredContentScripts({ ids: [BRIDGE_ID] }).catch(() => []);
    if (old.length) await browser.scripting.unregisterContentScripts({ ids: [BRIDGE_ID] });
    if (!origin) return;
    const u = new URL(origin);
    await browser.scripting.registerContentScripts([{ id: BRIDGE_ID, matches: [`${u.protocol}//${u.hostname}/*`], js: [BRIDGE_FILE], runAt: 'document_idle' }]);
  }

  /**
   * The frames of the CRM tab with a live content script, each given the pick script first
   * (entrypoints/pick): agents' pages never load that code, a lead's only when Studio asks.
   */
  async function frames(tabId: number): Promise<number[]> {
    try {
      const live = () => (globalThis as { __cuecardLive?: () => boolean }).__cuecardLive?.() === true;
      const results = await browser.scripting.executeScript({ target: { tabId, allFrames: true }, func: live });
      const frameIds = [...new Set(results.filter((r) => r.result === true).map((r) => r.frameId))].sort((a, b) => a - b);
      if (frameIds.length) await browser.scripting.executeScript({ target: { tabId, frameIds }, files: [PICK_FILE] });
      return frameIds;
    } catch {
      return [];
    }
  }
  const push = (tabId: number, frameId: number, message: ContentPush) =>
    browser.tabs.sendMessage(tabId, message, { frameId }).catch(() => undefined) as Promise<unknown>;

  /** The CRM tab the lead used last (not Studio's own tab). */
  async function crmTab(studioTab: number | undefined) {
    const patterns = await crmPatterns();
    const tabs = (await browser.tabs.query({})).filter((t) => t.id !== undefined && t.id !== studioTab && matchesAny(patterns, [t.url]));
    return tabs.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0];
  }

  let picking = false;
  /** The pick waiting for the lead's click: its tab, and how to end it as cancelled. */
  let pending: { tabId: number; cancel(): void } | undefined;
  async function pick(kind: 'field' | 'control', studioTab: number | undefined): Promise<PickReply> {
    const tab = await crmTab(studioTab);
    if (!tab?.id) return { ok: false, reason: 'no-crm-tab' };
    if (picking) return { ok: false, reason: 'busy' };
    picking = true;
    const tabId = tab.id;
    try {
      await browser.tabs.update(tabId, { active: true });
      const ids = await frames(tabId);
      if (!ids.length) return { ok: false, reason: 'no-crm-tab' };
      // The frame the lead clicks in answers; the others answer only when told to stop. A frame
      // without our script fails at once: if all do, there is no one to pick in.
      const answer = await new Promise<unknown>((resolve) => {
        pending = { tabId, cancel: () => resolve({ cancelled: true }) };
        let left = ids.length;
        for (const f of ids)
          void push(tabId, f, { type: 'content.pick', kind }).then((r) => (r !== undefined ? resolve(r) : --left === 0 && resolve(undefined)));
      });
      if (answer === undefined) return { ok: false, reason: 'no-crm-tab' };
      for (const f of ids) void push(tabId, f, { type: 'content.pickEnd' });
      const r = answer as { picked?: unknown; cancelled?: boolean } | undefined;
      if (r?.cancelled) return { ok: false, reason: 'cancelled' };
      const parsed = v.safeParse(PickResultSchema, r?.picked);
      return parsed.success ? { ok: true, loc: parsed.output.loc, matches: parsed.output.matches } : { ok: false, reason: 'no-anchor' };
    } finally {
      picking = false;
      pending = undefined;
      if (studioTab !== undefined) void browser.tabs.update(studioTab, { active: true }).catch(() => undefined);
    }
  }

  async function snapshot(studioTab: number | undefined): Promise<SnapshotReply> {
    const tab = await crmTab(studioTab);
    if (!tab?.id) return { ok: false, reason: 'no-crm-tab' };
    const tabId = tab.id;
    const replies = await Promise.all((await frames(tabId)).map((f) => push(tabId, f, { type: 'content.capture' })));
    const list: SnapFrame[] = replies.flatMap((r) => {
      const p = v.safeParse(SnapFrameSchema, r);
      return p.success ? [p.output] : [];
    });
    if (!list.length) return { ok: false, reason: 'empty' };
    const text = `${JSON.stringify({ kind: SNAPSHOT_KIND, version: SNAPSHOT_VERSION, taken: new Date().toISOString(), frames: list }, null, 1)}\n`;
    return readSnapshot(text).ok ? { ok: true, text, page: list[0]!.page } : { ok: false, reason: 'empty' };
  }

  const handlers: HandlersFor<'studio.origin' | 'studio.setOrigin' | 'studio.pick' | 'studio.snapshot' | 'pick.cancel'> = {
    'studio.origin': async () => ({ origin: (await stored()) ?? null }),
    'studio.setOrigin': async ({ origin }) => {
      const value = origin ? studioOrigin(origin) : undefined;
      if (value) await browser.storage.local.set({ [STUDIO_ORIGIN_KEY]: value });
      else await browser.storage.local.remove(STUDIO_ORIGIN_KEY);
      await register(value);
      return { origin: value ?? null };
    },
    'studio.pick': ({ kind }, sender) => pick(kind, sender.tab?.id),
    'studio.snapshot': (_req, sender) => snapshot(sender.tab?.id),
    // Only the panel of the tab being picked in can end that pick (the sender kind is checked
    // where the message arrives: a web page cannot send this).
    'pick.cancel': async (_req, sender) => {
      const mine = pending !== undefined && sender.tab?.id === pending.tabId;
      if (mine) pending!.cancel();
      return { cancelled: mine };
    },
  };
  return { handlers, origin: stored };
}
