/**
 * The extension reloaded or turned off under open CRM tabs, in real Chromium with the built
 * demo extension: the old panel leaves cleanly, the page shows no error of ours, and after a
 * reload the new panel works without the page being reloaded.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { panelFrame } from './harness';
import { faultKit } from './faults-kit';

declare const chrome: {
  runtime: { reload(): void };
  // chrome://extensions' own APIs, used to switch developer mode on and the extension off.
  developerPrivate: { updateProfileConfiguration(c: { inDeveloperMode: boolean }): Promise<void> };
  management: { setEnabled(id: string, enabled: boolean): Promise<void> };
};

const kit = faultKit();
const { open, startShift, storedTicks, ticked } = kit;

/** What the CRM page's console and error events show of us: an orphaned panel must not throw. */
function watchProblems(page: Page): string[] {
  const seen: string[] = [];
  page.on('pageerror', (e) => seen.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || /invalidated/i.test(m.text())) seen.push(`console.${m.type()}: ${m.text()}`);
  });
  return seen;
}
// The demo server has no favicon: that 404 is the page's, not ours.
const ours = (problems: string[]) => problems.filter((p) => !/Failed to load resource.*404/.test(p));

async function chromeExtensionsPage<T>(fn: (id: string) => Promise<T>): Promise<T> {
  const ext = await kit.browser.context.newPage();
  await ext.goto('chrome://extensions');
  const result = await ext.evaluate(fn, kit.browser.extensionId);
  await ext.close();
  return result;
}

describe('the extension under open CRM tabs', () => {
  it('reloaded: the old panel goes away cleanly and a new one works, without a page reload', async () => {
    const { page, panel } = await open();
    const problems = watchProblems(page);
    const id = await startShift(panel);
    await panel.getByTestId('cc-item-workspace-tidy').check();
    await expect.poll(() => storedTicks(id)).toEqual(['workspace-tidy']);
    const margin = await page.evaluate(() => getComputedStyle(document.documentElement).marginRight);

    // Chromium reloads an unpacked extension only in developer mode; otherwise it disables it.
    await chromeExtensionsPage(() => chrome.developerPrivate.updateProfileConfiguration({ inDeveloperMode: true }));
    // Not inWorker(): a retry would reload the new worker too.
    await (await kit.browser.worker()).evaluate(() => chrome.runtime.reload()).catch(() => undefined);

    await expect.poll(() => panel.isDetached(), { timeout: 15_000 }).toBe(true);
    const fresh = await panelFrame(page, kit.browser.extensionId);
    expect(await page.locator('cuecard-panel').count()).toBe(1);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).marginRight)).toBe(margin);
    await expect.poll(() => ticked(fresh)).toEqual(['workspace-tidy']);
    await fresh.getByTestId('cc-item-equipment-working').check();
    await expect.poll(() => storedTicks(id)).toEqual(['equipment-working', 'workspace-tidy']);
    await page.waitForTimeout(1000);
    expect(ours(problems)).toEqual([]);
    await page.close();
  });

  it('turned off: the panel leaves the page and gives back its margin, without errors', async () => {
    const { page } = await open();
    const problems = watchProblems(page);
    // The demo CRM has no margin of its own: what there is, the docked panel made.
    const bare = '0px';
    await expect.poll(() => page.evaluate(() => getComputedStyle(document.documentElement).marginRight)).not.toBe(bare);
    await chromeExtensionsPage((id) => chrome.management.setEnabled(id, false));
    await expect.poll(() => page.locator('cuecard-panel').count(), { timeout: 10_000 }).toBe(0);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).marginRight)).toBe(bare);
    await page.waitForTimeout(1000);
    expect(ours(problems)).toEqual([]);
    await page.close();
  });
});
