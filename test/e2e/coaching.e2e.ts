/**
 * Guidance that fades (issue 13.3), in real Chromium with the demo build: after N clean runs
 * (N = 2 in the test pack) a step's guidance collapses and says why; "Show full guidance"
 * brings it back from the keyboard; a release that changes the step's wording brings it back
 * for that step only; the counts live in the worker's IndexedDB (stepStats, counts only).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { demoServer, extensionPage, inputOpen, launch, panelFrame, type Browser } from './harness';
import { sitesReady } from './ready';
import { call, cleanPass, coachPack, fadeOf, importPack } from './coaching-kit';

let browser: Browser;
let server: Awaited<ReturnType<typeof demoServer>>;
let options: Page;
let page: Page;
let panel: Frame;
const PASS = [['greeted'], ['verified'], ['done']];

beforeAll(async () => {
  server = await demoServer();
  browser = await launch();
  await sitesReady(browser);
  options = await extensionPage(browser, '/options.html#packs');
  await importPack(options, coachPack(1));
  await call(options, 'prefs.patch', { patch: { mode: 'experienced' } });
  page = await browser.context.newPage();
  await page.goto(`${server.url}/index.html`);
  panel = await panelFrame(page, browser.extensionId);
  await inputOpen(panel);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * A clean pass that finishes the contact, then waits until the background has counted it: the
 * finish click returns first, and the next contact's guidance is decided from those counts.
 */
async function pass() {
  const actTotal = async () => (await stepStats()).find((s) => s.stepId === 'act')?.total ?? 0;
  const before = await actTotal();
  await cleanPass(panel, PASS);
  await expect.poll(actTotal, { timeout: 10_000 }).toBeGreaterThan(before);
}

async function startCall() {
  await panel.getByTestId('cc-start-call').click();
  await panel.getByTestId('cc-step-title').waitFor();
}

async function stepStats(): Promise<Array<{ stepId: string; streak: number; total: number; version: number; [k: string]: unknown }>> {
  const worker = await browser.worker();
  return worker.evaluate(
    () =>
      new Promise((ok, fail) => {
        const req = indexedDB.open('cuecard');
        req.onerror = () => fail(req.error);
        req.onsuccess = () => {
          const r = req.result.transaction('stepStats').objectStore('stepStats').getAll();
          r.onsuccess = () => (req.result.close(), ok(r.result));
        };
      }),
  );
}

describe('fading guidance', () => {
  it('is full while the agent learns the step, and collapses after two clean runs, saying why', async () => {
    await startCall();
    expect(await fadeOf(panel)).toMatchObject({ fade: 'expanded', reason: 'learning' });
    expect((await fadeOf(panel)).text).toContain('热情问候客户');
    await pass();
    await startCall();
    expect(await fadeOf(panel)).toMatchObject({ fade: 'expanded', reason: 'learning' });
    await pass();

    // The finish click returns before the background has recorded the last steps: wait for it.
    const counts = async () => (await stepStats()).map((s) => [s.stepId, s.streak, s.total]).sort();
    await expect.poll(counts, { timeout: 10_000 }).toEqual([
      ['act', 2, 2],
      ['hello', 2, 2],
      ['verify', 2, 2],
    ]);
    const stats = await stepStats();
    // Counts only: no text, no customer data.
    expect(Object.keys(stats[0]!).sort()).toEqual(['at', 'last', 'mistakes', 'packId', 'procedureId', 'stepId', 'streak', 'total', 'version']);

    await startCall();
    const collapsed = await fadeOf(panel);
    expect(collapsed).toMatchObject({ fade: 'collapsed', reason: 'faded' });
    expect(collapsed.text).not.toContain('热情问候客户');
    expect(collapsed.text).toMatch(/连续 2 次|2 times in a row/);
  });

  it('comes back on request from the keyboard, and folds again', async () => {
    const toggle = panel.getByTestId('cc-fade-toggle');
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await fadeOf(panel)).toMatchObject({ fade: 'expanded', reason: 'requested' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect((await fadeOf(panel)).text).toContain('热情问候客户');
    await page.keyboard.press('Enter');
    expect(await fadeOf(panel)).toMatchObject({ fade: 'collapsed', reason: 'faded' });
  });

  it('comes back after a mistake (a back-step) on the step gone back to', async () => {
    await cleanPass(panel, [['greeted']], false); // hello → verify
    await panel.getByTestId('cc-back').click(); // back to hello: it was left too early
    await pass();
    await startCall();
    expect(await fadeOf(panel)).toMatchObject({ fade: 'expanded', reason: 'mistake' });
    await pass();
  });

  it("comes back when a new release changes the step's wording, for that step only", async () => {
    // Two more clean runs: hello has faded again (after the mistake its streak restarted).
    await startCall();
    await pass();
    await startCall();
    expect((await fadeOf(panel)).fade).toBe('collapsed');
    await pass();

    await importPack(options, coachPack(2));
    await expect
      .poll(
        async () =>
          (await call<{ packMeta: Array<{ id: string; version: number }> }>(options, 'state.load')).packMeta.find((p) => p.id === 'acme.coach')?.version,
      )
      .toBe(2);
    await page.reload();
    panel = await panelFrame(page, browser.extensionId);
    await inputOpen(panel);
    await panel.getByTestId('cc-start-call').click();
    // v2 changed the greeting's phrase: the existing acknowledgement gate comes first.
    await panel.getByTestId('cc-ack').click();
    const back = await fadeOf(panel);
    expect(back).toMatchObject({ fade: 'expanded', reason: 'changed' });
    expect(back.text).toContain('三声内接听');
    await cleanPass(panel, [['greeted']], false);
    expect(await fadeOf(panel)).toMatchObject({ fade: 'collapsed', reason: 'faded' }); // verify did not change
  });
});
