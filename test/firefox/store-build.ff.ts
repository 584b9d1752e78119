/**
 * `npm run build:firefox` (the store build, MV2) installs in Firefox ESR and works there: its
 * options page loads the settings from the background (an event page owning IndexedDB), and
 * its manifest asks for sites the MV2 way. The demo build is driven in core.ff.ts.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, until, type FirefoxBrowser } from './harness';
import { openExtensionTab, runInExtensionPage } from './extension-pages';

const STORE_BUILD = resolve(import.meta.dirname, '../../.output/firefox-mv2');
let ff: FirefoxBrowser;

beforeAll(async () => {
  ff = await launchFirefox({ extensionPath: STORE_BUILD });
});
afterAll(async () => {
  await ff?.close();
});

describe('the Firefox store build', () => {
  it('has an MV2 manifest Firefox reads as meant', () => {
    const manifest = JSON.parse(readFileSync(join(STORE_BUILD, 'manifest.json'), 'utf8'));
    expect(manifest.manifest_version).toBe(2);
    // An event page, not a service worker (Firefox MV2).
    expect(manifest.background).toEqual({ scripts: ['background.js'] });
    // No site up front; any site grantable later. MV2 has no *_host_permissions keys.
    expect(manifest.permissions.filter((p: string) => p.includes('://'))).toEqual([]);
    expect(manifest.optional_permissions).toEqual(expect.arrayContaining(['https://*/*', 'http://*/*']));
    expect(manifest).not.toHaveProperty('optional_host_permissions');
    expect(manifest).not.toHaveProperty('host_permissions');
    expect(JSON.stringify(manifest.web_accessible_resources)).not.toContain('use_dynamic_url');
  });

  it('installs, and its options page loads the settings from the background', async () => {
    // A new agent was welcomed on install (the harness closed that tab).
    expect(ff.welcomed).toBe(true);
    await openExtensionTab(ff.browser, `${ff.origin}/options.html`);
    const options = { prefix: `${ff.origin}/options.html` };
    // The profile inputs render only once the background has answered with the stored settings.
    const shown = await until(
      'the options page with its settings',
      () =>
        runInExtensionPage(ff.browser, options, () => ({
          company: document.querySelector<HTMLInputElement>('[data-testid="cc-opt-company"]')?.value ?? null,
          error: document.querySelector('[data-testid="cc-opt-load-error"]')?.textContent ?? null,
        })),
      (v) => v.company !== null || v.error !== null,
    );
    expect(shown).toEqual({ company: '', error: null });
  });
});
