/**
 * Practice (issue 13.4), in real Chromium with the demo build: the bundled practice CRM page
 * (an extension page) hosts the panel, a scenario's customer line shows at its step, the
 * practice contact ends on a score, and a release drill over only the changed steps
 * acknowledges a release whose pack requires the drill. Neither is a real contact: not in
 * History, not in the runs in IndexedDB, not counted for fading guidance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { demoServer, extensionPage, inputOpen, launch, panelFrame, type Browser } from './harness';
import { sitesReady } from './ready';
import { call, cleanPass, coachPack, importPack } from './coaching-kit';

let browser: Browser;
let server: Awaited<ReturnType<typeof demoServer>>;
let options: Page;
let practice: Page;
let panel: Frame;

beforeAll(async () => {
  server = await demoServer();
  browser = await launch();
  await sitesReady(browser);
  options = await extensionPage(browser, '/options.html#packs');
  await importPack(options, coachPack(1, { requireDrill: true }));
  await importPack(options, coachPack(2, { requireDrill: true }));
  practice = await extensionPage(browser, '/practice.html');
  panel = await panelFrame(practice, browser.extensionId);
  await inputOpen(panel);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function count(store: string): Promise<{ n: number; ids: string[] }> {
  const worker = await browser.worker();
  return worker.evaluate(
    (s) =>
      new Promise((ok, fail) => {
        const req = indexedDB.open('cuecard');
        req.onerror = () => fail(req.error);
        req.onsuccess = () => {
          const r = req.result.transaction(s).objectStore(s).getAll();
          r.onsuccess = () => (
            req.result.close(),
            ok({ n: r.result.length, ids: r.result.map((x: { id?: string; stepId?: string }) => x.id ?? x.stepId ?? '') })
          );
        };
      }),
    store,
  );
}

describe('the practice page', () => {
  it('is marked as practice with sample data, and the panel works there', async () => {
    expect(await practice.getByTestId('pr-sample').textContent()).toMatch(/Sample data, no real customer/);
    expect(await panel.getByTestId('cc-practice-banner').textContent()).toMatch(/练习|PRACTICE/);
    await panel.getByTestId('cc-practice-home').waitFor();
  });

  it('runs a scenario with the scripted customer line and ends on a score', async () => {
    await panel.getByTestId('cc-practice-coach-s1').click();
    expect(await panel.getByTestId('cc-customer-line').textContent()).toContain('喂,你好');
    await cleanPass(panel, [['greeted'], ['verified'], ['done']]);
    const result = panel.getByTestId('cc-practice-result');
    await result.waitFor();
    expect(await panel.getByTestId('cc-practice-score').textContent()).toMatch(/[0-4] *(\/|of) *4/);
    expect(await panel.getByTestId('cc-check-verify').getAttribute('data-pass')).toBe('true');
    expect(await panel.getByTestId('cc-check-required').getAttribute('data-pass')).toBe('true');
    // No phrase was inserted or copied: the standard-wording check says so.
    expect(await panel.getByTestId('cc-check-wording').getAttribute('data-pass')).toBe('false');
    await panel.getByTestId('cc-practice-again').click();
  });
});

describe('a release drill', () => {
  let crm: Page;
  let crmPanel: Frame;

  it('is required before the change counts as read: the CRM panel offers the drill, not "I\'ve read it"', async () => {
    crm = await browser.context.newPage();
    await crm.goto(`${server.url}/index.html`);
    crmPanel = await panelFrame(crm, browser.extensionId);
    await inputOpen(crmPanel);
    await crmPanel.getByTestId('cc-start-call').click();
    await crmPanel.getByTestId('cc-drill-required').waitFor();
    expect(await crmPanel.getByTestId('cc-ack').count()).toBe(0);
    await expect(call(crmPanel, 'pack.ack', { packId: 'acme.coach', version: 2, procedureId: 'call', phraseIds: ['hi'] })).rejects.toThrow(/drill/);
  });

  it('runs over only the changed steps, scores, and acknowledges the release', async () => {
    await practice.bringToFront();
    await inputOpen(panel);
    await panel.getByTestId('cc-drill-call').click();
    expect(await panel.getByTestId('cc-step-title').textContent()).toMatch(/问候|Hello/);
    await cleanPass(panel, [['greeted']]); // the only changed step: the drill ends here
    await panel.getByTestId('cc-practice-result').waitFor();
    await panel.getByTestId('cc-drill-acked').waitFor();
    expect(await panel.getByTestId('cc-practice-score').textContent()).toMatch(/\d/);

    // The CRM tab's gate is lifted: the step itself shows.
    await crm.bringToFront();
    await crmPanel.getByTestId('cc-guidance').waitFor();
  });

  it('neither practice contact is a real one: not in History, not in the stored runs or counts', async () => {
    const history = await call<{ runs: Array<{ id: string }> }>(options, 'runs.history', {});
    expect(history.runs).toEqual([]);
    const runs = await count('runs');
    expect(runs.ids.filter((id) => id.startsWith('practice-'))).toEqual([]);
    expect(runs.n).toBe(1); // the real contact open in the CRM tab
    expect((await count('stepStats')).n).toBe(0);
  });
});
