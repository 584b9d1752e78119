/**
 * Runs test functions inside the add-on's own pages (the panel framed in a CRM page, the options
 * page). Firefox's WebDriver BiDi skips extension browsing contexts (Bug 1755014: no script,
 * no navigation to moz-extension://), so this goes through the browser's chrome window instead:
 * Firefox is started with `--remote-allow-system-access`, and a privileged function evaluated
 * there registers a test-only window actor (probe/CuecardProbeChild.sys.mjs) and asks the
 * actor of the frame whose URL starts with a prefix to run the function in that page.
 */
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import type { Browser } from 'puppeteer-core';

const PROBE_DIR = pathToFileURL(resolve(import.meta.dirname, 'probe') + '/').href;

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: Record<string, unknown> }>;
}

const connection = (b: Browser) => (b as unknown as { connection: BidiConnection }).connection;

/** The browser window's chrome context (BiDi's "moz:scope": "chrome"). */
async function chromeContext(b: Browser): Promise<string> {
  const { result } = await connection(b).send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const ctx = (result.contexts as Array<{ context: string; url: string }>).find((c) => c.url.startsWith('chrome://browser/'));
  if (!ctx) throw new Error(`No Firefox browser window in the chrome scope: ${JSON.stringify(result.contexts)}`);
  return ctx.context;
}

/** Evaluated in the chrome window (system principal): finds the frame, asks its actor to run `fn`. */
const inChrome = async (probeDir: string, prefix: string, top: string, fn: string, args: string): Promise<string> => {
  /* eslint-disable @typescript-eslint/no-explicit-any -- Firefox chrome globals, untyped here */
  const g = globalThis as any;
  if (!g.__cuecardProbe) {
    const res = g.Services.io.getProtocolHandler('resource').QueryInterface(g.Ci.nsIResProtocolHandler);
    res.setSubstitution('cuecard-probe', g.Services.io.newURI(probeDir));
    g.ChromeUtils.registerWindowActor('CuecardProbe', { child: { esModuleURI: 'resource://cuecard-probe/CuecardProbeChild.sys.mjs' }, allFrames: true });
    g.__cuecardProbe = true;
  }
  const seen: string[] = [];
  const found: any[] = [];
  for (const win of g.Services.wm.getEnumerator('navigator:browser')) {
    for (const browser of win.gBrowser.browsers) {
      const topUrl: string = browser.browsingContext.currentWindowGlobal?.documentURI?.spec ?? '';
      for (const bc of browser.browsingContext.getAllBrowsingContextsInSubtree()) {
        const url: string = bc.currentWindowGlobal?.documentURI?.spec ?? '';
        seen.push(url);
        if (url.startsWith(prefix) && (!top || topUrl === top)) found.push(bc);
      }
    }
  }
  if (found.length !== 1) return JSON.stringify({ __noFrame: seen, count: found.length });
  return JSON.stringify(await found[0].currentWindowGlobal.getActor('CuecardProbe').sendQuery('run', { fn, args }));
  /* eslint-enable @typescript-eslint/no-explicit-any */
};

export class NoExtensionFrame extends Error {}

/** Which add-on page: its URL's start, and optionally the URL of the tab it is framed in. */
export interface PageTarget {
  prefix: string;
  top?: string;
}

/**
 * Runs `fn(...args)` in the one add-on page that matches `target` and returns its JSON result.
 * Throws NoExtensionFrame (naming the frames there were) when none or several match.
 */
export async function runInExtensionPage<A extends unknown[], R>(
  b: Browser,
  target: PageTarget,
  fn: (...args: A) => R | Promise<R>,
  ...args: A
): Promise<Awaited<R>> {
  const context = await chromeContext(b);
  const { result } = await connection(b).send('script.callFunction', {
    functionDeclaration: inChrome.toString(),
    target: { context },
    awaitPromise: true,
    arguments: [PROBE_DIR, target.prefix, target.top ?? '', fn.toString(), JSON.stringify(args)].map((value) => ({ type: 'string', value })),
  });
  const where = `${target.prefix}*${target.top ? ` in ${target.top}` : ''}`;
  if (result.type === 'exception') throw new Error(`In ${where}: ${JSON.stringify(result.exceptionDetails)}`);
  const out = JSON.parse((result.result as { value: string }).value) as Awaited<R> | { __noFrame: string[]; count: number };
  if (out && typeof out === 'object' && '__noFrame' in out) throw new NoExtensionFrame(`${out.count} pages at ${where}; frames: ${out.__noFrame.join(', ')}`);
  return out as Awaited<R>;
}

/**
 * Opens an add-on page (e.g. its options page) in a new tab from the chrome window: BiDi will not
 * navigate a tab to moz-extension:// (and would not see the page if it did).
 */
export async function openExtensionTab(b: Browser, url: string): Promise<void> {
  const context = await chromeContext(b);
  const { result } = await connection(b).send('script.callFunction', {
    functionDeclaration: ((u: string) => {
      const g = globalThis as unknown as {
        gBrowser: { addTab(u: string, o: object): unknown; selectedTab: unknown };
        Services: { scriptSecurityManager: { getSystemPrincipal(): unknown } };
      };
      g.gBrowser.selectedTab = g.gBrowser.addTab(u, { triggeringPrincipal: g.Services.scriptSecurityManager.getSystemPrincipal() });
    }).toString(),
    target: { context },
    awaitPromise: true,
    arguments: [{ type: 'string', value: url }],
  });
  if (result.type === 'exception') throw new Error(`Opening ${url}: ${JSON.stringify(result.exceptionDetails)}`);
}

/**
 * Closes the add-on's tab whose URL starts with `prefix` (the first-run welcome), waiting up to
 * `timeout` ms for it to open; says whether there was one.
 */
export async function closeExtensionTab(b: Browser, prefix: string, timeout = 8000): Promise<boolean> {
  const context = await chromeContext(b);
  for (let waited = 0; waited < timeout; waited += 100) {
    const { result } = await connection(b).send('script.callFunction', {
      functionDeclaration: ((p: string) => {
        /* eslint-disable @typescript-eslint/no-explicit-any -- Firefox chrome globals, untyped here */
        const g = globalThis as any;
        for (const win of g.Services.wm.getEnumerator('navigator:browser')) {
          for (const tab of [...win.gBrowser.tabs] as any[]) {
            if (String(tab.linkedBrowser.currentURI?.spec ?? '').startsWith(p)) {
              win.gBrowser.removeTab(tab);
              return true;
            }
          }
        }
        return false;
        /* eslint-enable @typescript-eslint/no-explicit-any */
      }).toString(),
      target: { context },
      awaitPromise: true,
      arguments: [{ type: 'string', value: prefix }],
    });
    if (result.type === 'exception') throw new Error(`Closing ${prefix}: ${JSON.stringify(result.exceptionDetails)}`);
    if ((result.result as { value?: boolean }).value === true) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
