#!/usr/bin/env node
// Makes docs/studio.png: Cuecard Studio over a copy of the default pack, a phrase changed and
// the real panel previewing it, in headless Chromium (no extension needed). Run with
// `npm run screenshot:studio`. Chinese glyphs need a CJK font (fonts-wqy-microhei, fonts-noto-cjk).
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createJiti } from 'jiti';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '../..');
const jiti = createJiti(import.meta.url);
const { defaultPack, studioOverDefaultPack } = await jiti.import('../e2e/studio-kit.ts');
const { folder, studio } = await studioOverDefaultPack();
const published = await defaultPack();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  await page.goto(studio.url);
  await page.getByTestId('studio-lang').selectOption('zh');
  await page.getByTestId('studio-tab-form').click();
  await page.locator('select').nth(1).selectOption({ index: 1 });
  await page.getByTestId('studio-form-step').selectOption('greet');
  await page.getByTestId('studio-form-phrase-greeting-zh').fill('您好，{company}客服{agentId}号，很高兴为您服务！');
  await page.getByTestId('studio-form-phrase-greeting-zh').press('Enter');
  await page.getByTestId('studio-tab-preview').click();
  await page.getByTestId(`cc-start-${published.procedures[1].id}-phone`).click();
  await page.getByTestId('cc-phrase-greeting').waitFor();
  await page.screenshot({ path: join(root, 'docs/studio.png') });
  console.log('Wrote docs/studio.png');
} finally {
  await browser.close();
  await studio.close();
  rmSync(resolve(folder, '..'), { recursive: true, force: true });
}
