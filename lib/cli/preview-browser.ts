/**
 * The preview's browser: Chromium with the demo extension, subscribed to the preview pack
 * through the options page, the way an agent does it. Loaded only when a window can open.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { PreviewSession } from './preview';

export interface PreviewBrowser {
  context: BrowserContext;
  crm: Page;
  extensionId: string;
  close(): Promise<void>;
}

export async function openPreviewBrowser(o: {
  chromiumPath: string;
  extensionPath: string;
  headless: boolean;
  session: PreviewSession;
}): Promise<PreviewBrowser> {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'cuecard-preview-'));
  const args = [
    `--disable-extensions-except=${o.extensionPath}`,
    `--load-extension=${o.extensionPath}`,
    '--no-first-run',
    '--disable-background-networking',
    '--disable-sync',
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const context = await chromium.launchPersistentContext(profile, { executablePath: o.chromiumPath, headless: o.headless, args, viewport: null });
  const close = async () => {
    await context.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    const extensionId = new URL(worker.url()).host;
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html#packs`);
    await options.getByTestId('cc-key-input').fill(o.session.publicKey);
    await options.getByTestId('cc-key-label').fill('cuecard pack preview');
    await options.getByTestId('cc-key-pack-ids').fill(o.session.pack.id);
    await options.getByTestId('cc-key-add').click();
    await options.locator('[data-testid="cc-key"]').first().waitFor();
    await options.getByTestId('cc-sub-url').fill(o.session.packUrl);
    await options.getByTestId('cc-sub-add').click();
    const row = options.locator(`[data-testid="cc-sub"][data-url="${o.session.packUrl}"]`);
    await row.locator('[data-testid="cc-sub-status"]').waitFor();
    await options.waitForFunction(
      (url) =>
        ['installed', 'unchanged', 'refused', 'error'].includes(
          document.querySelector(`[data-testid="cc-sub"][data-url="${url}"]`)?.getAttribute('data-status') ?? '',
        ),
      o.session.packUrl,
      { timeout: 20_000 },
    );
    const status = await row.getAttribute('data-status');
    if (status === 'refused' || status === 'error')
      throw new Error(`the extension did not take the pack: ${await row.getByTestId('cc-sub-error').innerText()}`);
    const crm = await context.newPage();
    await crm.goto(o.session.crmUrl);
    return { context, crm, extensionId, close };
  } catch (e) {
    await close();
    throw e;
  }
}
