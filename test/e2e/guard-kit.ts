/**
 * Helpers for the guard, field-check and audit e2e tests: Cuecard's page marks live in a closed
 * shadow root that neither page scripts nor Playwright's selectors reach, so the tests read
 * them through the DevTools protocol (DOM.getDocument with pierce), as an inspector would.
 */
import type { Frame, Page } from 'playwright-core';
import type { Browser } from './harness';

type DomNode = {
  nodeType: number;
  nodeValue?: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
};

function walk(node: DomNode, visit: (n: DomNode) => void) {
  visit(node);
  for (const c of [...(node.children ?? []), ...(node.shadowRoots ?? []), ...(node.contentDocument ? [node.contentDocument] : [])]) walk(c, visit);
}
const textOf = (node: DomNode): string => {
  let out = '';
  walk(node, (n) => void (n.nodeType === 3 && (out += n.nodeValue ?? '')));
  return out;
};

/** The text of every element with this data-testid, closed shadow roots and same-origin frames included. */
export async function closedTexts(page: Page, testid: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const found: string[] = [];
    walk(root, (n) => {
      const a = n.attributes ?? [];
      for (let i = 0; i < a.length; i += 2) if (a[i] === 'data-testid' && a[i + 1] === testid) found.push(textOf(n));
    });
    return found;
  } finally {
    await cdp.detach();
  }
}

/** What the demo CRM's own handlers did (test/fixtures/crm/account.html), in a page or frame. */
export const crmActions = (f: Page | Frame) => f.evaluate(() => [...((window as unknown as { crmActions: string[] }).crmActions ?? [])]);

/** Every run in the extension's IndexedDB, read in the service worker (its one owner). */
export async function storedRuns(browser: Browser): Promise<Array<Record<string, unknown> & { id: string; overrides?: unknown[] }>> {
  const worker = await browser.worker();
  return worker.evaluate(
    () =>
      new Promise((ok, fail) => {
        const req = indexedDB.open('cuecard');
        req.onerror = () => fail(req.error);
        req.onsuccess = () => {
          const r = req.result.transaction('runs').objectStore('runs').getAll();
          r.onsuccess = () => (req.result.close(), ok(r.result));
          r.onerror = () => fail(r.error);
        };
      }),
  );
}
