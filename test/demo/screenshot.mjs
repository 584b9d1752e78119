#!/usr/bin/env node
// Makes docs/screenshot.png: the panel on the demo CRM, mid-call, in headless Chromium with
// the built demo extension. Run `npm run build:demo` first (`npm run screenshot` does both).
// Chinese glyphs need a CJK font (Debian: fonts-wqy-microhei or fonts-noto-cjk).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startDemoServer } from './server.mjs';

const root = resolve(import.meta.dirname, '../..');
const ext = join(root, '.output/demo/chrome-mv3');
const profile = mkdtempSync(join(tmpdir(), 'cuecard-shot-'));
const server = await startDemoServer({ port: 0 });
const args = [
  `--disable-extensions-except=${ext}`,
  `--load-extension=${ext}`,
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--lang=zh-CN',
];
if (process.getuid?.() === 0) args.push('--no-sandbox');
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args,
  viewport: { width: 1280, height: 760 },
  locale: 'zh-CN',
});
try {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const id = new URL(worker.url()).host;
  const options = await context.newPage();
  await options.goto(`chrome-extension://${id}/options.html#profile`);
  await options.getByTestId('cc-opt-company').fill('华信通信');
  await options.getByTestId('cc-opt-agentId').fill('8023');
  await options.getByTestId('cc-opt-profile-save').click();
  await options.getByTestId('cc-opt-profile-status').getByText('已保存').waitFor();
  await options.close();

  const page = await context.newPage();
  await page.goto(`${server.url}/index.html`);
  const panel = await (async () => {
    for (let i = 0; i < 200; i++) {
      const f = page.frames().find((fr) => fr.url().startsWith(`chrome-extension://${id}/panel.html`));
      if (f) return f;
      await page.waitForTimeout(50);
    }
    throw new Error('panel did not appear');
  })();
  await panel.getByTestId('cc-start-inbound-phone-phone').click();
  await panel.getByTestId('cc-step-title').waitFor();
  // Mid-call: the greeting was inserted into the CRM's notes, now verifying identity.
  await page.locator('#notes').click();
  await panel.getByTestId('cc-insert-greeting').click();
  await panel.getByTestId('cc-insert-result').waitFor();
  await panel.getByTestId('cc-next').click();
  await panel.getByTestId('cc-item-identity-verified').waitFor();
  await page.waitForTimeout(300);
  const out = join(root, 'docs/screenshot.png');
  await page.screenshot({ path: out });
  console.log(`Wrote ${out}`);
} finally {
  await context.close();
  await server.close();
  rmSync(profile, { recursive: true, force: true });
}
