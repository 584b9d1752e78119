/**
 * The content script is injected after each CRM page has loaded, never during its load: a
 * registered content script (even `document_idle`) runs before the load event on a fast page,
 * and creating its isolated world alone cost that page ~15 ms here. Triggers:
 * - a tab finishing loading (tabs.onUpdated `complete`, which also fires when a frame of a
 *   frameset navigates);
 * - a content script seeing one of its frames load (`page.frames`): iframes added to a page
 *   after it loaded do not change the tab's loading state;
 * - an install or update, for the tabs already open.
 */
import { matchesUrl } from '../context/site-match';
import type { HandlersFor } from '../messaging/server';
import type { ExtensionApi } from './deps';
import type { SitesService } from './sites';

const SCRIPT_FILE = '/content-scripts/crm.js';

/**
 * Runs in each frame's isolated world: its URL, its origin, and whether a live Cuecard script is
 * there. `scripting.executeScript` with `allFrames` also reaches about:blank and about:srcdoc
 * frames when we hold access to the origin they inherit (Chromium matches them by that origin),
 * so script-written frames need no `match_about_blank` / `match_origin_as_fallback` and no
 * extra permission: such a frame is on a site when its inherited origin is.
 */
function probe(): { href: string; origin: string; live: boolean } {
  const live = (globalThis as { __cuecardLive?: () => boolean }).__cuecardLive;
  let alive = false;
  try {
    alive = typeof live === 'function' && live();
  } catch {
    // a script left behind by an older instance of the extension: treat as absent
  }
  // self.origin, not location.origin: an about:blank URL has no origin of its own (URL spec),
  // the document has the one it inherited.
  return { href: location.href, origin: self.origin, live: alive };
}

/**
 * The URL a frame is matched by: its own, or for about:blank / about:srcdoc its origin's root
 * (the origin it inherited from the page that made it; a sandboxed frame's is "null").
 */
function frameUrl(href: string, origin: unknown): string {
  return /^about:/i.test(href) && typeof origin === 'string' && origin !== 'null' ? `${origin}/` : href;
}

/** Frames of a tab that are on a site and have no live content script yet. */
export function framesToInject(results: { frameId: number; result?: unknown }[], sites: readonly string[]): number[] {
  const out: number[] = [];
  for (const r of results) {
    const res = r.result as { href?: unknown; origin?: unknown; live?: unknown } | undefined;
    if (!res || typeof res.href !== 'string' || res.live === true) continue;
    if (sites.some((p) => matchesUrl(p, frameUrl(res.href as string, res.origin)))) out.push(r.frameId);
  }
  return out;
}

export function createInjectService({ browser, sites }: { browser: ExtensionApi; sites: Pick<SitesService, 'currentSites'> }) {
  async function injectNow(tabId: number): Promise<number[]> {
    const patterns = await sites.currentSites().catch((): string[] => []);
    if (!patterns.length) return [];
    // Rejects when the tab has no frame we may script (most tabs): nothing to do there.
    const results = await browser.scripting.executeScript({ target: { tabId, allFrames: true }, func: probe }).catch(() => []);
    const frameIds = framesToInject(results, patterns);
    if (frameIds.length) await browser.scripting.executeScript({ target: { tabId, frameIds }, files: [SCRIPT_FILE] }).catch(() => undefined);
    return frameIds;
  }

  // One injection pass per tab at a time. A request made while a pass is still waiting to start
  // is served by that pass: a burst of frame loads needs one more look at the tab, not one each.
  const passes = new Map<number, { pending: boolean; done: Promise<number[]> }>();

  function injectTab(tabId: number): Promise<number[]> {
    const prev = passes.get(tabId);
    if (prev?.pending) return prev.done;
    const pass = { pending: true, done: Promise.resolve<number[]>([]) };
    pass.done = (prev?.done ?? Promise.resolve([]))
      .catch(() => [])
      .then(() => {
        pass.pending = false;
        return injectNow(tabId);
      });
    passes.set(tabId, pass);
    void pass.done.finally(() => passes.get(tabId) === pass && passes.delete(tabId)).catch(() => undefined);
    return pass.done;
  }

  /** After an install or update, or a site added, open CRM tabs get the content script without a reload. */
  async function injectIntoOpenTabs(): Promise<void> {
    const tabs = await browser.tabs.query({});
    await Promise.all(tabs.map((t) => (t.id === undefined ? undefined : injectTab(t.id))));
  }

  const handlers: HandlersFor<'page.frames'> = {
    'page.frames': async (_p, sender) => {
      if (sender.tab?.id !== undefined) await injectTab(sender.tab.id);
      return { ok: true };
    },
  };

  return { injectTab, injectIntoOpenTabs, handlers };
}

export type InjectService = ReturnType<typeof createInjectService>;
