/**
 * CRM pages that fight injected UI, in real Chromium with the built demo extension
 * (fixtures in test/fixtures/crm/hostile/): a page that sweeps unknown elements away, one
 * that resets every style, one with a strict CSP, and one that logs every key it can reach.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { startDemoServer, FIXTURE_ROOT } from '../demo/server.mjs';
import { inputOpen, launch, panelFrame, type Browser } from './harness';
import { sitesReady } from './ready';
import { currentTitle, procedure, setOptions, startProcedure, step } from './flows';

let server: Awaited<ReturnType<typeof startDemoServer>>;
let browser: Browser;
const CSP = "default-src 'self'; script-src 'self'; frame-src 'self'; style-src 'self'";
const shift = procedure('shift-prep');
const inbound = procedure('inbound-phone');

beforeAll(async () => {
  server = await startDemoServer({
    host: '127.0.0.1',
    // The strict page gets its policy as a real response header, as a locked-down CRM would send it.
    extraRoutes: async (req, res) => {
      if (!req.url?.startsWith('/hostile/csp.html')) return false;
      const body = await readFile(`${FIXTURE_ROOT}hostile/csp.html`);
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': CSP, 'Cache-Control': 'no-store' });
      res.end(body);
      return true;
    },
  });
  browser = await launch({ extensionPath: process.env.CUECARD_EXTENSION_PATH });
  await sitesReady(browser);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path: string): Promise<{ page: Page; panel: Frame }> {
  const page = await browser.context.newPage();
  await page.goto(server.url + path);
  return { page, panel: await panelFrame(page, browser.extensionId) };
}

const ticked = (panel: Frame) =>
  panel.locator('input[type=checkbox][data-testid^="cc-item-"]:checked').evaluateAll((els) => els.map((e) => e.id.replace('cc-item-', '')).sort());

/** A new panel frame once the old one is gone (re-inserting an iframe loads a fresh document). */
async function panelAfter(page: Page, old: Frame): Promise<Frame> {
  await expect.poll(() => old.isDetached()).toBe(true);
  return panelFrame(page, browser.extensionId);
}

/** Pixels of the panel host's box, as PNG. */
async function panelShot(path: string): Promise<{ png: Buffer; box: { x: number; y: number; width: number; height: number } }> {
  const { page, panel } = await open(path);
  await panel.getByTestId('cc-start-inbound-phone-phone').waitFor();
  await panel.evaluate(() => document.fonts.ready);
  await page.mouse.move(0, 0);
  await page.waitForTimeout(300);
  const box = (await page.locator('cuecard-panel').boundingBox())!;
  const png = await page.screenshot({ clip: box, animations: 'disabled', caret: 'hide' });
  await page.close();
  return { png, box };
}

/** Decodes both PNGs in Chromium (no PNG library here) and counts pixels that differ. */
async function pixelDiff(a: Buffer, b: Buffer) {
  const page = await browser.context.newPage();
  const result = await page.evaluate(
    async ([a64, b64]) => {
      const pixels = async (b64: string) => {
        const img = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
        const ctx = new OffscreenCanvas(img.width, img.height).getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        return ctx.getImageData(0, 0, img.width, img.height);
      };
      const [x, y] = await Promise.all([pixels(a64), pixels(b64)]);
      if (x.width !== y.width || x.height !== y.height) return { total: -1, differing: -1, maxDelta: 255 };
      let differing = 0;
      let maxDelta = 0;
      for (let i = 0; i < x.data.length; i += 4) {
        let d = 0;
        for (let k = 0; k < 4; k++) d = Math.max(d, Math.abs(x.data[i + k]! - y.data[i + k]!));
        if (d > 0) differing++;
        maxDelta = Math.max(maxDelta, d);
      }
      return { total: x.width * x.height, differing, maxDelta };
    },
    [a.toString('base64'), b.toString('base64')] as const,
  );
  await page.close();
  return result;
}

describe('a page that resets every style and sets rem to 10px', () => {
  it('shows the panel pixel for pixel as on a plain page', async () => {
    const plain = await panelShot('/hostile/form.html');
    const reset = await panelShot('/hostile/reset.html');
    expect(reset.box).toEqual(plain.box);
    expect(plain.box.width).toBeGreaterThan(200);
    const diff = await pixelDiff(plain.png, reset.png);
    console.log(`panel pixels: ${diff.differing} of ${diff.total} differ (largest channel delta ${diff.maxDelta})`);
    expect(diff.total).toBeGreaterThan(0);
    expect(diff.differing).toBe(0);
  });
});

type Sweeper = { swept: string[]; sweepNow(): void; stopSweeping(): void };
const swept = (page: Page) => page.evaluate(() => (window as unknown as Sweeper).swept.length);

describe('a page that sweeps away elements it does not know', () => {
  it('gets the panel back each time, and ticks made just before a sweep are kept', async () => {
    const { page, panel } = await open('/hostile/sweeper.html?every=0');
    await startProcedure(panel, shift.id);
    await panel.getByTestId('cc-item-workspace-tidy').check();
    await page.evaluate(() => (window as unknown as Sweeper).sweepNow());
    let back = await panelAfter(page, panel);
    await expect.poll(() => ticked(back)).toEqual(['workspace-tidy']);
    await back.getByTestId('cc-item-equipment-working').check();
    await back.getByTestId('cc-next').click();
    await back.getByTestId('cc-item-mindset-ready').check();
    await back.getByTestId('cc-next').click();
    const knowledge = step(shift, 'knowledge');
    await expect.poll(() => currentTitle(back)).toContain(knowledge.title['zh-CN']);

    // Quick ticks, each in its own task so a write is in flight when the next comes, and the
    // page sweeps the moment the panel has made them.
    await page.evaluate(() => addEventListener('message', (e) => e.data === 'sweep-now' && (window as unknown as Sweeper).sweepNow()));
    const items = knowledge.checklist!.map((i) => i.id);
    const before = back;
    await before.evaluate(async (ids) => {
      for (const id of ids) {
        (document.getElementById(`cc-item-${id}`) as HTMLInputElement).click();
        await new Promise((r) => setTimeout(r, 0));
      }
      parent.postMessage('sweep-now', '*');
    }, items);
    back = await panelAfter(page, before);
    expect(await page.evaluate(() => (window as unknown as Sweeper).swept)).toEqual(['cuecard-panel', 'cuecard-panel']);
    expect(await page.locator('cuecard-panel').count()).toBe(1);
    await expect.poll(() => currentTitle(back)).toContain(knowledge.title['zh-CN']);
    await expect.poll(() => ticked(back)).toEqual([...items].sort());
    await page.close();
  });

  it('keeps coming back from a sweep every 400 ms', async () => {
    const { page } = await open('/hostile/sweeper.html?every=400');
    await expect.poll(() => swept(page), { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
    await page.evaluate(() => (window as unknown as Sweeper).stopSweeping());
    expect(await page.locator('cuecard-panel').count()).toBe(1);
    const panel = await panelFrame(page, browser.extensionId);
    await expect.poll(() => currentTitle(panel)).toContain(step(shift, 'knowledge').title['zh-CN']);
    await page.close();
  });

  it('does not freeze a page that removes the panel the moment it appears', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url + '/hostile/sweeper.html?every=0&observe=1', { waitUntil: 'commit' });
    // A page stuck in a remove/re-attach loop never answers: give it 5 s.
    const answer = () => Promise.race([page.evaluate(() => (window as unknown as Sweeper).swept?.length ?? 0), page.waitForTimeout(5000).then(() => -1)]);
    await page.waitForTimeout(3000);
    const removals = await answer();
    // Each put-back costs one removal; a loop would make thousands (or hang the page).
    expect(removals).toBeGreaterThanOrEqual(3);
    expect(removals).toBeLessThan(20);
    await page.evaluate(() => (window as unknown as Sweeper).stopSweeping());
    // Once the page stops fighting, the backed-off put-back brings the panel home.
    const panel = await panelFrame(page, browser.extensionId, 10_000);
    await panel.getByTestId('cc-panel').waitFor();
    await page.close();
  });
});

describe('a page with a strict Content-Security-Policy', () => {
  it('still shows a working panel, and causes no violation', async () => {
    const { page, panel } = await open('/hostile/csp.html');
    const policy = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
    expect(policy).toBe(CSP);
    await startProcedure(panel, inbound.id, 'phone');
    await page.locator('#notes').click();
    await panel.getByTestId('cc-insert-greeting').click();
    // No profile in this browser: {company} is unfilled, so the panel asks first.
    await panel.getByTestId('cc-insert-anyway').click();
    await expect.poll(() => page.locator('#notes').inputValue()).not.toBe('');
    await panel.getByTestId('cc-next').click();
    await expect.poll(() => currentTitle(panel)).toContain(step(inbound, 'verify-identity').title['zh-CN']);
    await panel.getByTestId('cc-item-identity-verified').check();
    await page.reload();
    const again = await panelFrame(page, browser.extensionId);
    await expect.poll(() => ticked(again)).toEqual(['identity-verified']);
    expect(await page.evaluate(() => (window as unknown as { cspViolations: unknown[] }).cspViolations)).toEqual([]);
    // The policy is really enforced here: the page's own inline script is refused.
    await page.evaluate(() => document.body.append(Object.assign(document.createElement('script'), { textContent: 'window.ran = 1' })));
    await expect.poll(() => page.evaluate(() => (window as unknown as { cspViolations: unknown[] }).cspViolations.length)).toBe(1);
    await page.close();
  });
});

describe('a page that logs every key event', () => {
  it('hears nothing typed in the panel: skip reason, shortcuts, help', async () => {
    await setOptions(browser, { mode: 'experienced' });
    const { page, panel } = await open('/hostile/keylog.html');
    await startProcedure(panel, inbound.id, 'phone');
    await expect.poll(() => currentTitle(panel)).toContain(step(inbound, 'greet').title['zh-CN']);
    await page.evaluate(() => ((window as unknown as { keylog: unknown[] }).keylog.length = 0));

    await inputOpen(panel);
    await panel.getByTestId('cc-step-title').click();
    await page.keyboard.press('Alt+N');
    await expect.poll(() => currentTitle(panel)).toContain(step(inbound, 'verify-identity').title['zh-CN']);
    await inputOpen(panel);
    await panel.getByTestId('cc-skip-identity-verified').click();
    // The reason field takes the focus in an effect after it renders: type only once it has it.
    await expect.poll(() => panel.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('cc-skip-reason-identity-verified');
    await page.keyboard.type('客户拒绝 secret-reason 42');
    await page.keyboard.press('Enter');
    await expect.poll(() => panel.locator('.cc-item__skip').textContent()).toContain('secret-reason 42');
    await page.keyboard.press('?');
    await panel.getByTestId('cc-help').waitFor();
    await page.keyboard.press('Escape');
    await panel.getByTestId('cc-help').waitFor({ state: 'detached' });
    await page.keyboard.press('Alt+B');
    await expect.poll(() => currentTitle(panel)).toContain(step(inbound, 'greet').title['zh-CN']);
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Alt+Shift+K');
    await panel.getByTestId('cc-tab').waitFor();

    const heard = await page.evaluate(() => ({
      keylog: (window as unknown as { keylog: unknown[] }).keylog,
      crmLog: (window as unknown as { crmLog: { type: string }[] }).crmLog.filter((e) => e.type === 'keydown'),
    }));
    expect(heard).toEqual({ keylog: [], crmLog: [] });
    await page.close();
  });
});
