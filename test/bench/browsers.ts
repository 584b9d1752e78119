/**
 * The two conditions, in one live Chromium: "with" is Cuecard enabled, "without" is Cuecard
 * disabled by the bench switch extension (switch.ts), same profile, binary, flags, viewport and
 * locale (test/e2e/harness.ts). Why not two browsers, one with and one without the extension:
 * in an A/A test on this machine, two identical bare Chromium instances loading the demo CRM's
 * index.html alternately (30 loads each) differed by 11 % and 21 % in median load time, and a
 * browser without extensions against one with an extension that does nothing by 6–17 %; such
 * per-instance effects swamp a 5 % budget. Why not a relaunch per sample: it costs seconds and
 * measures a cold start (empty caches, extension install) that agents see once a day. With one
 * warm browser and the samples alternating, whatever else loads this shared machine at a given
 * moment hits both conditions alike.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { CHROMIUM, EXTENSION_PATH, launch, type Browser } from '../e2e/harness';
import { installProbe } from './probe';
import { CuecardSwitch, SWITCH_EXTENSION } from './switch';

export interface Condition {
  name: 'with' | 'without';
  /** The one browser's context, shared by both conditions. */
  context: BrowserContext;
  /** Only for the condition with Cuecard enabled. */
  ext?: Browser;
  /** Puts Cuecard in this condition's state and lets the browser settle (openTab calls it). */
  activate(): Promise<void>;
}

export interface Pair {
  with: Condition;
  without: Condition;
  /** How often Cuecard was switched on and off so far, and how often its background needed a blank tab to get ready. */
  switches: () => { enabled: number; disabled: number; primed: number };
  /** What to do with the first panel after each time Cuecard is enabled (CuecardSwitch.firstPanel). */
  onFirstPanel(boot: () => Promise<void>): void;
  close(): Promise<void>;
}

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
  const browser = await launch({ extensionPath, extraExtensions: [SWITCH_EXTENSION] });
  try {
    await browser.context.addInitScript(installProbe);
    const cuecard = new CuecardSwitch(browser);
    await cuecard.start();
    return {
      with: { name: 'with', context: browser.context, ext: browser, activate: () => cuecard.activate('enabled') },
      without: { name: 'without', context: browser.context, activate: () => cuecard.activate('disabled') },
      switches: () => ({ ...cuecard.switches, primed: cuecard.primed }),
      onFirstPanel: (boot) => {
        cuecard.firstPanel = boot;
      },
      close: () => browser.close(),
    };
  } catch (err) {
    await browser.close();
    throw err;
  }
}

/**
 * A fresh tab in a condition (activated first, unless the caller is itself part of an
 * activation: Pair.onFirstPanel), with the CDP Performance domain on (for ScriptDuration and heap).
 */
export async function openTab(c: Condition, activate = true) {
  if (activate) await c.activate();
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
