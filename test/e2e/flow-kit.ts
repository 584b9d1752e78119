/** Helpers of studio-flow.e2e.ts: the default pack as released, and the cursor in Studio's editor. */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { parsePack } from '../../lib/pack/parse';

export async function defaultPack() {
  const parsed = parsePack(JSON.parse(await readFile(new URL('../../public/packs/default.json', import.meta.url), 'utf8')));
  if (!parsed.ok) throw new Error('the default pack does not parse');
  return parsed.pack;
}

/** Puts the cursor at the end of the first line of `file` containing `text`, in the Edit pane. */
export async function cursorAt(lead: Page, file: string, text: string) {
  await lead.getByTestId('studio-tab-edit').click();
  await lead.getByTestId(`studio-file-${file}`).click();
  await lead.locator(`[data-testid=studio-editor][data-file="${file}"]`).waitFor();
  // CodeMirror renders only the lines in view: page down until the wanted one is there.
  const line = lead.locator('.cm-line', { hasText: text }).first();
  await lead.locator('.cm-line').first().click();
  await lead.keyboard.press('Control+Home');
  for (let i = 0; i < 40 && !(await line.count()); i++) await lead.keyboard.press('PageDown');
  await line.click();
  await lead.keyboard.press('End');
}
