/**
 * Publishing from Studio on the hub, in real Chromium (issue 12): the lead signs in, opens
 * /studio, loads key files (the public key and a key the hub does not trust are named at the
 * field), signs in the page and publishes to everyone; a refused release shows the hub's reason
 * at its field; failing anchor tests need a reason, which the Releases page then shows. No
 * request the page makes carries the private key. Over a folder (`cuecard studio DIR`), "Sign
 * and save to the folder" writes `<id>-<version>.signed.json` that `cuecard pack verify` accepts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page, type Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseFor } from '../../lib/hub/releases';
import { generateSigningKey, verifySignedPack } from '../../lib/pack/sign';
import { CHROMIUM } from './harness';
import { LEAD, teamHub, type TeamHub } from './hub-kit';
import { studioOverDefaultPack } from './studio-kit';

const PACK_ID = 'telecom.cs-sop';
let hub: TeamHub;
let browser: Browser;
let page: Page;
let keys: string;
const requests: Request[] = [];

async function signIn(p: Page) {
  await p.goto(`${hub.url}/login`);
  await p.locator('input[name="email"]').fill(LEAD.email);
  await p.locator('input[name="password"]').fill(LEAD.password);
  await p.locator('button[type="submit"]').click();
  await p.waitForURL(/\/releases$/);
}

/** A fresh load each time (only the hash would change otherwise, keeping the old page). */
async function openPublish() {
  await page.goto('about:blank');
  await page.goto(`${hub.url}/studio/#publish`);
  await page.getByTestId('studio-pane-publish').locator('#cc-publish-key').waitFor({ timeout: 30_000 });
}

const keyStatus = () => page.locator('#cc-publish-key-status');

beforeAll(async () => {
  hub = await teamHub();
  keys = mkdtempSync(join(tmpdir(), 'cuecard-keys-'));
  const stranger = await generateSigningKey();
  writeFileSync(join(keys, 'team.key'), `${hub.key.privateKey}\n`);
  writeFileSync(join(keys, 'team.key.pub'), `${hub.key.publicKey}\n`);
  writeFileSync(join(keys, 'stranger.key'), `${stranger.privateKey}\n`);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
  const context = await browser.newContext({ locale: 'en-US' });
  page = await context.newPage();
  page.on('request', (r) => void requests.push(r));
  await signIn(page);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await hub?.close();
  if (keys) rmSync(keys, { recursive: true, force: true });
});

describe('Studio on the hub: sign in the page and publish', () => {
  it('names the wrong key files at the field, then publishes a release signed in the page to everyone', async () => {
    await openPublish();
    await page.locator('#cc-publish-key').setInputFiles(join(keys, 'team.key.pub'));
    await expect.poll(() => keyStatus().textContent()).toContain('This is a public key');
    await page.locator('#cc-publish-key').setInputFiles(join(keys, 'stranger.key'));
    await expect.poll(() => keyStatus().textContent()).toContain('The hub does not accept releases signed with key');
    await page.locator('#cc-publish-key').setInputFiles(join(keys, 'team.key'));
    await expect.poll(() => keyStatus().textContent()).toBe(`Key ID ${hub.key.keyId}`);
    expect(await page.locator('#cc-publish-sequence').inputValue()).toBe('1');
    await page.getByLabel('Everyone').check();
    await page.getByRole('button', { name: 'Sign and publish' }).click();
    await expect.poll(() => page.locator('[data-result]').textContent(), { timeout: 30_000 }).toBe('Published release 1 (Everyone).');
    const served = await releaseFor(hub.db, PACK_ID);
    const verdict = await verifySignedPack(served!.signed_text, [{ publicKey: hub.key.publicKey }], { now: Date.now() });
    expect(verdict.ok && [verdict.packId, verdict.sequence, verdict.keyId]).toEqual([PACK_ID, 1, hub.key.keyId]);
  });

  it("shows the hub's refusal at the field it concerns", async () => {
    await openPublish();
    await page.locator('#cc-publish-key').setInputFiles(join(keys, 'team.key'));
    await expect.poll(() => page.locator('#cc-publish-sequence').inputValue()).toBe('2');
    await page.locator('#cc-publish-sequence').fill('1');
    await page.getByRole('button', { name: 'Sign and publish' }).click();
    const atSequence = page.locator('[data-field="sequence"] [role="alert"]');
    await expect.poll(() => atSequence.textContent(), { timeout: 30_000 }).toContain('The hub refused the release:');
    expect(await hub.count('releases')).toBe(1);
  });

  it('refuses failing anchor tests until the lead gives a reason, which the Releases page shows', async () => {
    // A snapshot of a page with none of the pack's fields: every anchor of the demo CRM fails.
    const empty = {
      kind: 'cuecard-snapshot',
      version: 1,
      taken: new Date().toISOString(),
      frames: [{ name: '', page: 'http://127.0.0.1/index.html', body: { t: 'body' } }],
    };
    await openPublish();
    const saved = await page.evaluate(async (text) => {
      const session = (await (await fetch('api/session')).json()) as { csrf: string };
      const res = await fetch('api/file', {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrf },
        body: JSON.stringify({ path: 'snapshots/empty-page.json', text }),
      });
      return res.status;
    }, JSON.stringify(empty));
    expect(saved).toBe(200);
    await openPublish();
    await page.locator('[data-anchor]').first().waitFor();
    expect(await page.locator('.anchor-failures').textContent()).toContain('empty-page');
    await page.locator('#cc-publish-key').setInputFiles(join(keys, 'team.key'));
    await expect.poll(() => keyStatus().textContent()).toBe(`Key ID ${hub.key.keyId}`);
    await page.getByRole('button', { name: 'Sign and publish' }).click();
    await expect.poll(() => page.locator('#cc-publish-reason-error').textContent()).toContain('Give a reason');
    expect(await hub.count('releases')).toBe(1);
    await page.locator('#cc-publish-reason').fill('The CRM page was empty when the snapshot was taken');
    await page.getByRole('button', { name: 'Sign and publish' }).click();
    await expect.poll(() => page.locator('[data-result]').textContent(), { timeout: 30_000 }).toBe('Published release 2 (Draft (nobody yet)).');
    const releases = await page.context().newPage();
    await releases.goto(`${hub.url}/releases`);
    expect(await releases.locator('.anchor-override').textContent()).toContain('The CRM page was empty when the snapshot was taken');
    await releases.close();
  });

  it('never sent the private key anywhere', async () => {
    expect(requests.length).toBeGreaterThan(10);
    const b64url = hub.key.privateKey.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    for (const r of requests) {
      const seen = `${r.url()}\n${JSON.stringify(await r.allHeaders())}\n${r.postData() ?? ''}`;
      expect(seen).not.toContain(hub.key.privateKey);
      expect(seen).not.toContain(b64url);
      expect(seen).not.toContain(hub.key.privateKey.slice(-40));
    }
    const posts = requests.filter((r) => r.method() === 'POST' && r.url().endsWith('/studio/api/publish'));
    expect(posts.length).toBe(3);
  });
});

describe('Studio over a folder: sign in the page and save to the folder', () => {
  it('writes <id>-<version>.signed.json into the pack folder, and cuecard pack verify accepts it', async () => {
    const { folder, studio, published } = await studioOverDefaultPack();
    const context = await browser.newContext({ locale: 'en-US' });
    const local = await context.newPage();
    try {
      await local.goto(`${studio.url}#publish`);
      const pane = local.getByTestId('studio-pane-publish');
      await pane.locator('#cc-publish-key').waitFor({ timeout: 30_000 });
      await pane.locator('#cc-publish-key').setInputFiles(join(keys, 'team.key'));
      await expect.poll(() => local.locator('#cc-publish-key-status').textContent()).toBe(`Key ID ${hub.key.keyId}`);
      await local.locator('#cc-publish-sequence').fill('4');
      await local.getByRole('button', { name: 'Sign and save to the folder' }).click();
      const file = `${published.id}-${published.version}.signed.json`;
      await expect.poll(() => local.locator('[data-result]').textContent(), { timeout: 30_000 }).toBe(`Saved ${file} in the pack folder.`);
      expect(readdirSync(folder)).toContain(file);
      // The same check an agent's extension makes, through the real executable.
      const bin = resolve(import.meta.dirname, '../../bin/cuecard.mjs');
      const verify = spawnSync(bin, ['pack', 'verify', file, '--pub', join(keys, 'team.key.pub')], { cwd: folder, encoding: 'utf8' });
      expect(verify.stdout).toMatch(new RegExp(`^Authentic: pack ${published.id.replace(/\./g, '\\.')}, sequence 4`));
      expect(verify.status).toBe(0);
    } finally {
      await context.close();
      await studio.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
