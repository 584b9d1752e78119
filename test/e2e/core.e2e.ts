/**
 * The core loop in real Chromium with the built extension: the panel on the demo CRM,
 * walking the inbound procedure, gates, persistence and isolation from the CRM page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { demoServer, launch, panelFrame, type Browser } from './harness';
import { defaultPack, setOptions, startProcedure, walkToChoice } from './flows';

let browser: Browser;
let server: Awaited<ReturnType<typeof demoServer>>;
const inbound = defaultPack.procedures.find((p) => p.id === 'inbound-phone')!;

beforeAll(async () => {
  server = await demoServer();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openCrm(path = '/index.html'): Promise<{ page: Page; panel: Frame }> {
  const page = await browser.context.newPage();
  await page.goto(server.url + path);
  return { page, panel: await panelFrame(page, browser.extensionId) };
}

describe('panel on the demo CRM', () => {
  it('appears once on the table-layout console, docked and visible', async () => {
    const { page, panel } = await openCrm();
    expect(await page.locator('cuecard-panel').count()).toBe(1);
    const box = await page.locator('cuecard-panel').boundingBox();
    expect(box!.width).toBeGreaterThan(200);
    expect(box!.x + box!.width).toBeCloseTo(1280, -1);
    await expect.poll(() => panel.locator('[data-testid="cc-panel"]').isVisible()).toBe(true);
    await page.close();
  });

  it('appears exactly once on a frameset page, in the large frame', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url + '/frameset.html');
    const panel = await panelFrame(page, browser.extensionId);
    const frames = page.frames().filter((f) => f.url().includes('/panel.html'));
    expect(frames).toHaveLength(1);
    const host = panel.parentFrame()!;
    expect(host.url()).toContain('main.html');
    const box = await host.locator('cuecard-panel').boundingBox();
    expect(box!.width).toBeGreaterThan(200);
    expect(box!.height).toBeGreaterThan(300);
    await page.close();
  });
});

describe('walking the inbound procedure', () => {
  it('required items gate Next and the branch leads to the chosen step', async () => {
    const { page, panel } = await openCrm();
    await setOptions(browser, { mode: 'newHire' });
    await startProcedure(panel, 'inbound-phone', 'phone');
    const first = inbound.steps.find((s) => s.id === inbound.start)!;
    await expect.poll(() => panel.getByTestId('cc-step-title').textContent()).toContain(first.title['zh-CN']);
    const required = first.checklist?.find((i) => i.required);
    if (required) {
      await panel.getByTestId('cc-next').click();
      await expect.poll(() => panel.getByTestId('cc-blocked').isVisible()).toBe(true);
      expect(await panel.getByTestId('cc-step-title').textContent()).toContain(first.title['zh-CN']);
    }
    const choiceStep = await walkToChoice(panel, inbound);
    const consult = choiceStep.choices!.find((c) => c.id.includes('consult')) ?? choiceStep.choices![0]!;
    await panel.getByTestId(`cc-choice-${consult.id}`).click();
    const target = inbound.steps.find((s) => s.id === consult.next)!;
    await expect.poll(() => panel.getByTestId('cc-step-title').textContent()).toContain(target.title['zh-CN']);
    await page.close();
  });
});
