/**
 * The two conditions, alive side by side: one persistent Chromium profile with the built demo
 * extension, one without it, same binary, flags, viewport and locale (test/e2e/harness.ts).
 * Why two live browsers and not one relaunched per condition: a relaunch costs seconds per
 * sample and measures a cold start (empty disk cache, no V8 code cache, extension install)
 * that agents see once a day, not on every page. With both warm and the samples alternating,
 * whatever else loads this shared machine at a given moment hits both conditions alike.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM, chromiumArgs, EXTENSION_PATH, launch, type Browser } from '../e2e/harness';
import { installProbe } from './probe';
import { sleep } from './stats';

export interface Condition {
  name: 'with' | 'without';
  context: BrowserContext;
  /** Only for the browser with the extension. */
  ext?: Browser;
}

export interface Pair {
  with: Condition;
  without: Condition;
  close(): Promise<void>;
}

const VIEWPORT = { width: 1280, height: 800 };

/**
 * A private copy of the build: others rebuild .output/demo while a bench runs, and Chromium
 * reads extension files lazily, so the live folder could change under a running browser.
 */
export function snapshotBuild(source = EXTENSION_PATH): { dir: string; remove(): void } {
  if (!existsSync(join(source, 'manifest.json'))) throw new Error(`No built extension at ${source}: run \`npm run build:demo\` first.`);
  const root = mkdtempSync(join(tmpdir(), 'cuecard-bench-ext-'));
  const dir = join(root, 'chrome-mv3');
  cpSync(source, dir, { recursive: true });
  return { dir, remove: () => rmSync(root, { recursive: true, force: true }) };
}

export async function launchPair(extensionPath: string): Promise<Pair> {
  const ext = await launch({ extensionPath });
  const bareDir = mkdtempSync(join(tmpdir(), 'cuecard-bench-bare-'));
  const bare = await chromium.launchPersistentContext(bareDir, {
    executablePath: CHROMIUM,
    headless: true,
    // The harness flags minus the two that load the extension.
    args: chromiumArgs().filter((a) => !/^--(load|disable)-extension/.test(a)),
    locale: 'zh-CN',
    viewport: VIEWPORT,
  });
  for (const context of [ext.context, bare]) await context.addInitScript(installProbe);
  await waitForContentScript(ext);
  return {
    with: { name: 'with', context: ext.context, ext },
    without: { name: 'without', context: bare },
    async close() {
      await ext.close();
      await bare.close();
      rmSync(bareDir, { recursive: true, force: true });
    },
  };
}

/** The background registers the content script on install; pages opened before that get none. */
async function waitForContentScript(ext: Browser) {
  const worker = await ext.worker();
  for (let i = 0; i < 300; i++) {
    const n = await worker.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<unknown[]> } } }).chrome;
      return (await api.scripting.getRegisteredContentScripts()).length;
    });
    if (n > 0) return;
    await sleep(100);
  }
  throw new Error('The extension registered no content script within 30 s (entrypoints/background/sites.ts).');
}

/** A fresh tab in a condition, with the CDP Performance domain on (for ScriptDuration and heap). */
export async function openTab(c: Condition) {
  const page = await c.context.newPage();
  const cdp = await c.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  return { page, cdp };
}

export async function metrics(cdp: CDPSession) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => list.find((m) => m.name === name)?.value ?? NaN;
  return { scriptMs: get('ScriptDuration') * 1000, heapUsed: get('JSHeapUsedSize') };
}

export function chromiumVersion(): string {
  try {
    return execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

export type { Page };
