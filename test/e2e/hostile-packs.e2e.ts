/**
 * Packs are data from outside: malformed, oversized and hostile files imported through the
 * options page are refused with an error that names the path, or installed and shown as inert
 * text. A payload that runs would set window.__pwned and log PWNED somewhere we listen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { demoServer, extensionPage, launch, panelFrame, type Browser } from './harness';
import { sitesReady } from './ready';
import { currentTitle, startProcedure } from './flows';

let server: Awaited<ReturnType<typeof demoServer>>;
let browser: Browser;
let options: Page;
/** Every console line and page error from every page, frame and the service worker. */
const heard: string[] = [];

const PAYLOAD = `<img src=x onerror="window.__pwned=1;console.log('PWNED')">`;
const SCRIPT = `<script>window.__pwned=1;console.log('PWNED')</script>`;
const LINK = `[点我](javascript:window.__pwned=1;console.log('PWNED'))`;

function pack(overrides: Record<string, unknown> = {}) {
  return {
    format: 1,
    id: 'hostile.pack',
    version: 1,
    title: { 'zh-CN': `敌意包 ${PAYLOAD}`, en: 'Hostile pack' },
    languages: ['zh-CN', 'en'],
    procedures: [
      {
        id: 'evil',
        title: { 'zh-CN': `流程 ${PAYLOAD}`, en: 'Evil' },
        description: { 'zh-CN': `说明 ${SCRIPT}`, en: 'desc' },
        kind: 'shift',
        start: 'one',
        steps: [
          {
            id: 'one',
            title: { 'zh-CN': `步骤 ${PAYLOAD}`, en: 'Step' },
            guidance: { 'zh-CN': `提示 ${LINK} ${SCRIPT}`, en: 'Guidance' },
            phrases: [{ id: 'bait', text: { 'zh-CN': `话术 ${PAYLOAD}`, en: 'Phrase' }, label: { 'zh-CN': `标签 ${SCRIPT}`, en: 'Label' } }],
            checklist: [{ id: 'box', text: { 'zh-CN': `勾选 ${PAYLOAD}`, en: 'Box' }, required: false }],
          },
        ],
      },
    ],
    ...overrides,
  };
}

beforeAll(async () => {
  server = await demoServer();
  browser = await launch({ extensionPath: process.env.CUECARD_EXTENSION_PATH });
  await sitesReady(browser);
  browser.context.on('page', (p) => listen(p));
  (await browser.worker()).on('console', (m) => heard.push(`worker: ${m.text()}`));
  options = await extensionPage(browser, '/options.html#packs');
  listen(options);
  // These files are unsigned: let them in, so what is tested is the pack check, not the signature.
  await options.getByTestId('cc-allow-unsigned').check();
  await options.reload();
  await options.locator('[data-testid="cc-allow-unsigned"]:checked').waitFor();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function listen(page: Page) {
  page.on('console', (m) => heard.push(`${page.url()}: ${m.text()}`));
  page.on('pageerror', (e) => heard.push(`${page.url()}: pageerror ${e.message}`));
}

/** Imports through the options page's file input, as a team lead would; returns what it said. */
async function importText(text: string, name = 'pack.json'): Promise<{ error: string | null; status: string }> {
  await options.reload();
  await options.getByTestId('cc-opt-import').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  const error = options.getByTestId('cc-opt-error');
  const status = options.getByTestId('cc-opt-import-status');
  await expect.poll(async () => (await error.count()) > 0 || /[:：]\s*\S+ v\d+/.test((await status.textContent()) ?? ''), { timeout: 20_000 }).toBe(true);
  return { error: (await error.count()) ? await error.textContent() : null, status: (await status.textContent()) ?? '' };
}

const pwned = (f: Page | Frame) => f.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? null);

describe('refused, with the path of what is wrong', () => {
  it('malformed JSON: the line and column', async () => {
    const { error } = await importText('{\n  "format": 1,\n  "id": "x",\n  "title": \n}');
    expect(error).toMatch(/JSON syntax error at line 5, column 1/);
  });

  it('a schema error: the field', async () => {
    const bad = pack();
    (bad.procedures[0] as { steps: { title: unknown }[] }).steps[0]!.title = 42;
    const { error } = await importText(JSON.stringify(bad));
    expect(error).toMatch(/procedures\[0\]\.steps\[0\]\.title: must be an object/);
  });

  it('__proto__, constructor and prototype keys, and nothing is polluted', async () => {
    const top = JSON.stringify(pack()).replace('{"format":1', '{"format":1,"__proto__":{"polluted":"yes"}');
    expect((await importText(top)).error).toMatch(/__proto__: forbidden key "__proto__"/);
    const nested = JSON.stringify(pack()).replace('"checklist":[{', '"checklist":[{"constructor":{"prototype":{"polluted":"yes"}},');
    expect((await importText(nested)).error).toMatch(/procedures\[0\]\.steps\[0\]\.checklist\[0\]\.constructor: forbidden key/);
    const polluted = await (await browser.worker()).evaluate(() => (({}) as { polluted?: string }).polluted ?? null);
    expect(polluted).toBeNull();
    expect(await options.evaluate(() => (({}) as { polluted?: string }).polluted ?? null)).toBeNull();
  });

  it('a 30,000-character title: the field and the limit', async () => {
    const long = pack();
    (long.procedures[0] as { title: { 'zh-CN': string } }).title['zh-CN'] = '长'.repeat(30_000);
    expect((await importText(JSON.stringify(long))).error).toMatch(/procedures\[0\]\.title\.zh-CN: is longer than 20,000 characters/);
  });

  it('a 5 MB string and a 7 MB file: the size limit, and nothing installed', async () => {
    const big = pack();
    (big.procedures[0] as { description: { 'zh-CN': string } }).description['zh-CN'] = 'x'.repeat(5 * 1024 * 1024);
    expect((await importText(JSON.stringify(big))).error).toMatch(/larger than 5 MB/);
    const huge = JSON.stringify(pack({ padding: 'y'.repeat(7 * 1024 * 1024) }));
    expect((await importText(huge)).error).toMatch(/larger than 5 MB/);
    const installed = await options.locator('li', { hasText: 'hostile.pack' }).count();
    expect(installed).toBe(0);
  });
});

describe('installed, and rendered as inert text', () => {
  it('HTML, script and javascript: links in every text field show literally and run nowhere', async () => {
    const { error, status } = await importText(JSON.stringify(pack()));
    expect(error).toBeNull();
    expect(status).toContain('hostile.pack v1');
    // The options page lists the pack title as text.
    await expect.poll(() => options.locator('li', { hasText: 'hostile.pack' }).textContent()).toContain(PAYLOAD);

    const page = await browser.context.newPage();
    await page.goto(server.url + '/widgets.html');
    const panel = await panelFrame(page, browser.extensionId);
    await expect.poll(() => panel.getByTestId('cc-start-evil').isVisible()).toBe(true);
    expect(await panel.locator('body').textContent()).toContain(`流程 ${PAYLOAD}`);
    await startProcedure(panel, 'evil');
    await expect.poll(() => currentTitle(panel)).toContain(`步骤 ${PAYLOAD}`);
    expect(await panel.getByTestId('cc-phrase-bait').textContent()).toContain(`话术 ${PAYLOAD}`);
    expect(await panel.locator('label[for="cc-item-box"]').textContent()).toContain(`勾选 ${PAYLOAD}`);
    const body = (await panel.locator('body').textContent()) ?? '';
    expect(body).toContain(SCRIPT);
    // Nothing became markup: no images, scripts or links were made from pack text.
    expect(await panel.locator('img, script:not([src]), a[href^="javascript:"], iframe').count()).toBe(0);

    // Inserted into the CRM, it stays text there too (a textarea and a rich editor).
    for (const field of ['#rich', '#react-notes']) {
      await page.locator(field).click();
      await panel.getByTestId('cc-insert-bait').click();
      await expect.poll(() => page.locator(field).evaluate((el) => (el as HTMLTextAreaElement).value ?? el.textContent)).toContain(PAYLOAD);
    }
    expect(await page.locator('#rich img').count()).toBe(0);

    await page.waitForTimeout(500);
    expect([await pwned(page), await pwned(panel), await pwned(options)]).toEqual([null, null, null]);
    expect(heard.filter((line) => line.includes('PWNED') && !line.includes('onerror='))).toEqual([]);
    await page.close();
  });
});
