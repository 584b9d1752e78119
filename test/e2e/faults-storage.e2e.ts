/**
 * Storage faults, in real Chromium with the built demo extension: a database upgrade from
 * another connection, and writes or reads that fail (injected by the demo-only hook in
 * lib/db/faults.ts). The agent keeps working, sees why, can export, and loses nothing.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extensionPage, panelFrame } from './harness';
import { currentTitle } from './flows';
import { faultKit, title } from './faults-kit';

const kit = faultKit();
const { open, startShift, storedRun, storedTicks, fromDb, inWorker, inject, ticked } = kit;

describe('a database upgrade from another connection', () => {
  it('the background lets go, reopens, and no run is lost or hangs', async () => {
    const { page, panel } = await open();
    const id = await startShift(panel);
    await panel.getByTestId('cc-item-workspace-tidy').check();
    await expect.poll(() => storedTicks(id)).toEqual(['workspace-tidy']);
    const before = await fromDb<number>('runs');

    // A newer schema opened from an extension page while the background holds the old one open.
    const ext = await extensionPage(kit.browser);
    const upgraded = await ext.evaluate(async () => {
      const current = (await indexedDB.databases()).find((d) => d.name === 'cuecard')!.version!;
      const done = new Promise<number | string>((ok) => {
        const req = indexedDB.open('cuecard', current + 10);
        req.onupgradeneeded = () => req.result.createObjectStore('from-the-future');
        req.onsuccess = () => (req.result.close(), ok(current + 10));
        req.onerror = () => ok(`error: ${req.error?.message}`);
      });
      return Promise.race([done, new Promise<string>((ok) => setTimeout(() => ok('hung: the upgrade stayed blocked'), 5000))]);
    });
    expect(upgraded).toBeTypeOf('number');
    await ext.close();

    await panel.getByTestId('cc-item-equipment-working').check();
    await expect.poll(() => storedTicks(id), { timeout: 5000 }).toEqual(['equipment-working', 'workspace-tidy']);
    await page.reload();
    const again = await panelFrame(page, kit.browser.extensionId);
    await expect.poll(() => ticked(again)).toEqual(['equipment-working', 'workspace-tidy']);
    const version = await inWorker(async () => (await indexedDB.databases()).find((d) => d.name === 'cuecard')?.version);
    expect([await fromDb<number>('runs'), version]).toEqual([before, upgraded]);
    await page.close();
  });
});

describe('storage fails', () => {
  it('shows a non-blocking error, keeps the progress, offers an export, and saves once storage is back', async () => {
    const { page, panel } = await open();
    const id = await startShift(panel);
    await inject('failWrites', 1000, 'QuotaExceededError');
    await panel.getByTestId('cc-item-workspace-tidy').check();
    const banner = panel.getByTestId('cc-save-error');
    await banner.waitFor();
    expect(await banner.getAttribute('title')).toMatch(/QuotaExceededError/);
    // Not blocking: the agent keeps working while writes fail.
    await panel.getByTestId('cc-item-equipment-working').check();
    await panel.getByTestId('cc-next').click();
    await expect.poll(() => currentTitle(panel)).toContain(title('mindset'));
    expect(await storedTicks(id)).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), banner.getByRole('button', { name: '导出' }).click()]);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { runs: { id: string; ticks: object; path: unknown[] }[] };
    const mine = exported.runs.find((r) => r.id === id);
    expect(Object.keys(mine?.ticks ?? {}).sort()).toEqual(['equipment-working', 'workspace-tidy']);
    expect(mine?.path).toHaveLength(2);

    // Storage comes back; the next retry (automatic, with backoff) stores everything.
    await inject('failWrites', 0);
    await banner.waitFor({ state: 'detached', timeout: 20_000 });
    await expect.poll(async () => (await storedRun(id))?.path.length).toBe(2);
    await page.reload();
    const again = await panelFrame(page, kit.browser.extensionId);
    await expect.poll(() => currentTitle(again)).toContain(title('mindset'));
    await page.close();
  });

  it('an unknown error on a few writes heals itself without the agent doing anything', async () => {
    const { page, panel } = await open();
    const id = await startShift(panel);
    await inject('failWrites', 2, 'UnknownError');
    await panel.getByTestId('cc-item-workspace-tidy').check();
    await panel.getByTestId('cc-save-error').waitFor();
    await panel.getByTestId('cc-item-equipment-working').check();
    await panel.getByTestId('cc-save-error').waitFor({ state: 'detached', timeout: 20_000 });
    expect(await storedTicks(id)).toEqual(['equipment-working', 'workspace-tidy']);
    await page.close();
  });

  it('a database that cannot be read: the panel still appears, says so, and recovers on Retry', async () => {
    await inject('failReads', 1_000_000, 'UnknownError');
    const page = await kit.browser.context.newPage();
    await page.goto(kit.server.url + '/index.html');
    const panel = await panelFrame(page, kit.browser.extensionId);
    const alert = panel.locator('.cc-load-error[role="alert"]');
    await expect.poll(() => alert.textContent()).toContain('UnknownError');
    await inject('failReads', 0);
    await alert.getByRole('button').click();
    await panel.getByTestId('cc-new-run').waitFor();
    await page.close();
  });
});
