/**
 * Studio e2e helpers: a pack folder made from the default pack (as `cuecard pack init`
 * does), Studio served over it by the real CLI code, and a plain Chromium page (Studio
 * needs no extension).
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { decompile } from '../../lib/pack/authoring/decompile';
import { parsePack } from '../../lib/pack/parse';
import type { Pack } from '../../lib/pack/schema';
import { writePackFolder } from '../../lib/cli/pack-folder';
import { startStudio, type RunningStudio } from '../../lib/cli/studio';
import { CHROMIUM } from './harness';

export async function defaultPack(): Promise<Pack> {
  const parsed = parsePack(JSON.parse(await readFile(resolve(import.meta.dirname, '../../public/packs/default.json'), 'utf8')));
  if (!parsed.ok) throw new Error('default pack does not parse');
  return parsed.pack;
}

export async function studioOverDefaultPack(): Promise<{ folder: string; studio: RunningStudio; published: Pack }> {
  const published = await defaultPack();
  const folder = join(await mkdtemp(join(tmpdir(), 'cuecard-studio-')), 'my-sop');
  await writePackFolder(folder, decompile(published));
  const studio = await startStudio({ folder, port: 0, published });
  return { folder, studio, published };
}

export async function openBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: process.getuid?.() === 0 ? ['--no-sandbox', '--disable-gpu'] : ['--disable-gpu'] });
}

/** Opens a file in the Edit pane and puts the cursor at the end of the first line containing `text`. */
export async function cursorAfter(page: Page, file: string, text: string): Promise<void> {
  await page.getByTestId('studio-tab-edit').click();
  await page.getByTestId(`studio-file-${file}`).click();
  await page.locator(`[data-testid=studio-editor][data-file="${file}"]`).waitFor();
  await page.locator('.cm-line', { hasText: text }).first().click();
  await page.keyboard.press('End');
}
