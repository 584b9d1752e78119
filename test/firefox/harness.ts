/**
 * Launches Debian's Firefox ESR over WebDriver BiDi (its built-in remote agent; puppeteer-core
 * downloads nothing) and installs the Firefox demo build (`npm run build:demo:firefox`) as a
 * temporary add-on with BiDi's `webExtension.install`. Each test file gets its own profile.
 *
 * Firefox serves an add-on's pages from moz-extension://<uuid>/, with a random UUID per install.
 * The profile is given that UUID up front (the `extensions.webextensions.uuids` pref maps add-on
 * id → UUID; the demo manifest carries a fixed gecko id), so tests know the panel's and the
 * options page's URLs without asking the browser.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser as PBrowser, type Page } from 'puppeteer-core';
import { closeExtensionTab } from './extension-pages';

export const FIREFOX_EXTENSION_PATH = resolve(import.meta.dirname, '../../.output/demo/firefox-mv2');
const PROBE_PATH = resolve(import.meta.dirname, 'probe') + '/';
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export interface FirefoxBrowser {
  browser: PBrowser;
  /** The add-on's id (manifest `browser_specific_settings.gecko.id`). */
  addonId: string;
  /** The host of its moz-extension:// URLs. */
  uuid: string;
  origin: string;
  /** Whether the first-run welcome opened on install (the harness closed it; see launchFirefox). */
  welcomed: boolean;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

function geckoId(extensionPath: string): string {
  const manifestPath = join(extensionPath, 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`No built extension at ${extensionPath}: run \`npm run build:demo:firefox\` first.`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { browser_specific_settings?: { gecko?: { id?: string } } };
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`${manifestPath} has no browser_specific_settings.gecko.id (see wxt.config.ts)`);
  return id;
}

/**
 * The first-run welcome (lib/background/welcome.ts) opens on install, in a tab of its
 * own; it is closed here, so it neither takes the focus from the page under test nor makes a
 * second options page for the probe to choose from. `welcomed` says whether it opened.
 */
export async function launchFirefox(opts: { extensionPath?: string } = {}): Promise<FirefoxBrowser> {
  const extensionPath = opts.extensionPath ?? FIREFOX_EXTENSION_PATH;
  const addonId = geckoId(extensionPath);
  if (!existsSync(FIREFOX)) throw new Error(`No Firefox at ${FIREFOX}: install Debian's firefox-esr (.ci/run does) or set FIREFOX_PATH.`);
  const uuid = randomUUID();
  const userDataDir = mkdtempSync(join(tmpdir(), 'cuecard-ff-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX,
    headless: true,
    userDataDir,
    // Lets test/firefox/extension-pages.ts reach the add-on's pages through the chrome window.
    args: ['--remote-allow-system-access'],
    defaultViewport: { width: 1280, height: 800 },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [addonId]: uuid }),
      // The panel follows the browser's language (navigator.language); the Chromium suite runs in zh-CN.
      'intl.accept_languages': 'zh-CN, zh, en',
      'intl.locale.requested': 'zh-CN',
      // The add-on's process loads the test probe module from here (a content sandbox reads few paths).
      'security.sandbox.content.read_path_whitelist': PROBE_PATH,
    },
  });
  try {
    const installed = await browser.installExtension(extensionPath);
    if (installed !== addonId) throw new Error(`Firefox installed the add-on as ${installed}, expected ${addonId}`);
  } catch (err) {
    await browser.close();
    rmSync(userDataDir, { recursive: true, force: true });
    throw err;
  }
  const origin = `moz-extension://${uuid}`;
  const welcomed = await closeExtensionTab(browser, `${origin}/options.html#welcome`);
  return {
    browser,
    addonId,
    uuid,
    origin,
    welcomed,
    newPage: () => browser.newPage(),
    async close() {
      await browser.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Polls `read` until `ok` holds for its result (or the deadline passes): the one way these tests
 * wait. Errors from `read` (a frame still loading, a reload in between) count as "not yet".
 */
export async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeout = 20_000): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const v = await read();
      if (ok(v)) return v;
      last = v;
    } catch (err) {
      last = err instanceof Error ? err.message : err;
    }
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms waiting for ${what}; last seen: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
