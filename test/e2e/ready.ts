import type { Browser } from './harness';

/**
 * Waits until the background knows the sites it injects into (it stores them in session
 * storage on install): a page that finishes loading before that gets its content script
 * only from the install-time pass over open tabs.
 */
export async function sitesReady(b: Browser, timeout = 15_000): Promise<void> {
  for (const end = Date.now() + timeout; ; await new Promise((r) => setTimeout(r, 100))) {
    const worker = await b.worker();
    const n = await worker
      .evaluate(async () => {
        const api = (globalThis as unknown as { chrome: { storage: { session: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome;
        const sites = (await api.storage.session.get('cuecardSites')).cuecardSites;
        return Array.isArray(sites) ? sites.length : 0;
      })
      .catch(() => 0);
    if (n > 0) return;
    if (Date.now() > end) throw new Error('The background never stored its sites (cuecardSites in storage.session): see lib/background/sites.ts');
  }
}
