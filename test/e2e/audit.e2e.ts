/**
 * The agent's own record (issue 13.5), in real Chromium with the built demo extension: a
 * contact's guard override made on the demo CRM's account page is in its audit timeline, which
 * History exports as CSV and JSON (masked: no label, no page value); "My week" charts the
 * agent's time per step against the pack's limits.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { demoServer, inputOpen, launch, panelFrame, type Browser } from './harness';
import { procedure, setOptions, startProcedure } from './flows';
import { closedTexts, storedRuns } from './guard-kit';

let browser: Browser;
let server: Awaited<ReturnType<typeof demoServer>>;
const WAIT = { timeout: 8000 };
const REASON = '主管批准，客户回拨号码 13812345678';

beforeAll(async () => {
  server = await demoServer();
  browser = await launch();
  await setOptions(browser, { mode: 'newHire' });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Writes a run record in the worker's IndexedDB (the one owner), as a finished contact would be. */
async function putRun(run: unknown) {
  const worker = await browser.worker();
  await worker.evaluate(
    (value) =>
      new Promise<void>((ok, fail) => {
        const req = indexedDB.open('cuecard');
        req.onsuccess = () => {
          const tx = req.result.transaction('runs', 'readwrite');
          tx.objectStore('runs').put(value);
          tx.oncomplete = () => (req.result.close(), ok());
          tx.onerror = () => fail(tx.error);
        };
        req.onerror = () => fail(req.error);
      }),
    run,
  );
}

async function download(page: Page, panel: Frame, testid: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), panel.getByTestId(testid).click()]);
  return readFileSync((await file.path())!, 'utf8');
}

describe('audit timeline and My week', () => {
  it("exports a contact's timeline with its override reason, masked, and charts My week", async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url + '/account.html');
    let panel = await panelFrame(page, browser.extensionId);
    await startProcedure(panel, procedure('inbound-phone').id, 'phone');
    await panel.getByTestId('cc-runs').locator('input, select').first().waitFor();
    await expect.poll(async () => (await closedTexts(page, 'cc-guard-lock')).length, WAIT).toBeGreaterThan(0);
    await page.click('#btn-change-plan');
    await inputOpen(panel);
    await panel.getByTestId('cc-held-override').click();
    await panel.getByTestId('cc-held-reason').fill(REASON);
    await panel.getByTestId('cc-held-confirm').click();
    await panel.getByTestId('cc-held-recorded').waitFor(WAIT);

    // Finish it behind the panel's back (walking the whole SOP is other suites' work), with a
    // label naming the customer, and a first step slower than its 15 s limit.
    const run = (await storedRuns(browser)).find((r) => r.overrides?.length) as Record<string, unknown> & {
      id: string;
      rev: number;
      path: { stepId: string; at: number }[];
    };
    const start = Date.now() - 60_000;
    await putRun({
      ...run,
      label: '王先生',
      path: [{ stepId: 'greet', at: start }],
      createdAt: start,
      status: 'finished',
      finishedAt: start + 40_000,
      rev: run.rev + 100,
    });
    await page.reload();
    panel = await panelFrame(page, browser.extensionId);
    await inputOpen(panel);
    await panel.getByTestId('cc-history-open').click();
    await panel.getByTestId(`cc-history-${run.id}`).waitFor(WAIT);

    const json = JSON.parse(await download(page, panel, `cc-export-json-${run.id}`)) as {
      packVersion: number;
      rows: { kind: string; target: string; detail: string }[];
    };
    expect(json.packVersion).toBe(1);
    expect(json.rows).toContainEqual(expect.objectContaining({ kind: 'override', target: 'guard:change-plan', detail: '主管批准，客户回拨号码 138****5678' }));
    expect(json.rows).toContainEqual(expect.objectContaining({ kind: 'step', target: 'greet', detail: '40' }));
    const csv = await download(page, panel, `cc-export-csv-${run.id}`);
    expect(csv).toContain('override,');
    expect(csv).toContain('guard:change-plan');
    for (const text of [csv, JSON.stringify(json)]) {
      expect(text).not.toContain('13812345678');
      expect(text).not.toContain('王先生');
    }

    await panel.getByTestId('cc-my-week').click();
    const bar = panel.getByTestId('cc-week-bar').first();
    await bar.waitFor(WAIT);
    expect(await bar.getAttribute('data-over')).toBe('true'); // 40 s against greet's 15 s
    expect(await bar.locator('title').textContent()).toMatch(/40/);
    await page.close();
  });
});
