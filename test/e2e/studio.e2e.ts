/**
 * Studio (issue 12) end to end in real Chromium over a copy of the default pack: an error
 * shown inline at its line and fixed, a phrase changed in the form and seen in the real
 * panel's preview, a branch walked in both languages and modes, an unreachable step on the
 * map, the diff against the published release, Save to disk, a draft kept across a reload,
 * and a forged cross-origin write refused.
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningStudio } from '../../lib/cli/studio';
import { cursorAfter, openBrowser, studioOverDefaultPack } from './studio-kit';

const FILE = '02-inbound-phone.md';
const NEW_EN = 'Hello and welcome to {company}, this is agent {agentId}.';
let browser: Browser;
let page: Page;
let studio: RunningStudio;
let folder: string;

beforeAll(async () => {
  ({ folder, studio } = await studioOverDefaultPack());
  browser = await openBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  page.on('crash', () => console.error('studio page crashed'));
  page.on('pageerror', (e) => console.error('studio page error', e.message));
  await page.goto(studio.url);
  await page.getByTestId('studio-editor').locator('.cm-content').waitFor();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await studio?.close();
});

const preview = () => page.getByTestId('studio-preview');

async function tickRequiredAndNext(): Promise<void> {
  for (const box of await preview().locator('.cc-item--required input[type=checkbox]:not(:checked)').all()) await box.check();
  await preview().getByTestId('cc-next').click();
}

describe('Studio', () => {
  it('shows a compile error inline at its line as you type, and clears it when fixed', async () => {
    await expect.poll(() => page.getByTestId('studio-compile-state').textContent()).toContain('no errors');
    await cursorAfter(page, FILE, 'kind: contact');
    await page.keyboard.type('x');
    const marked = page.locator('.cm-lintRange-error');
    await marked.first().waitFor();
    expect(await marked.first().textContent()).toContain('contactx');
    await expect.poll(() => page.getByTestId('studio-issues').textContent()).toContain(`${FILE}:6:`);
    await page.keyboard.press('Backspace');
    await marked.first().waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('studio-compile-state').textContent()).toContain('no errors');
  });

  it('completes step ids and variables in the editor', async () => {
    await cursorAfter(page, FILE, '> next: record');
    for (let i = 0; i < 'record'.length; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type('rec');
    const options = page.locator('.cm-tooltip-autocomplete li');
    await expect.poll(() => options.allTextContents()).toContain('record');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.cm-line', { hasText: '> next: record' }).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('studio-compile-state').textContent()).toContain('no errors');
  });

  it('changes a phrase in the form, and the real panel in the preview shows it', async () => {
    await page.getByTestId('studio-tab-form').click();
    await page.locator('select').nth(1).selectOption({ label: '电话呼入 (02-inbound-phone.md)' });
    await page.getByTestId('studio-form-step').selectOption('greet');
    await page.getByTestId('studio-form-phrase-greeting-en').fill(NEW_EN);
    await page.getByTestId('studio-form-phrase-greeting-en').press('Enter');
    await page.getByTestId('studio-unsaved').waitFor();
    await page.getByTestId('studio-tab-preview').click();
    await page.getByTestId('studio-preview-lang').selectOption('en');
    await preview().getByTestId('cc-start-inbound-phone-phone').click();
    await expect.poll(() => preview().getByTestId('cc-phrase-greeting').textContent()).toContain('Hello and welcome to');
  });

  it('walks a branch of the preview in English, then in Chinese as an experienced agent', async () => {
    for (const title of ['Verify identity', 'Listen and clarify', 'Classify the need']) {
      await tickRequiredAndNext();
      await expect.poll(() => preview().getByTestId('cc-step-title').textContent()).toContain(title);
      // A new hire cannot skip a required check; an experienced agent can (with a reason).
      if (title === 'Verify identity') expect(await preview().getByTestId('cc-skip-identity-verified').count()).toBe(0);
    }
    await preview().getByTestId('cc-choice-query').click();
    await expect.poll(() => preview().getByTestId('cc-step-title').textContent()).toContain('Account query');

    await page.getByTestId('studio-preview-lang').selectOption('zh-CN');
    await page.getByTestId('studio-preview-mode').selectOption('experienced');
    await preview().getByTestId('cc-start-inbound-phone-phone').click();
    await expect.poll(() => preview().getByTestId('cc-step-title').textContent()).toContain('规范问候');
    await tickRequiredAndNext();
    await expect.poll(() => preview().getByTestId('cc-step-title').textContent()).toContain('身份确认');
    await preview().getByTestId('cc-skip-identity-verified').waitFor();
  });

  it('marks an unreachable step on the map', async () => {
    await cursorAfter(page, '01-shift-prep.md', '> source: 2.1');
    await page.keyboard.press('Enter');
    await page.keyboard.type('> end');
    await page.getByTestId('studio-tab-map').click();
    await page.getByTestId('studio-map-procedure').selectOption('01-shift-prep.md');
    const mindset = page.getByTestId('studio-map-step-mindset');
    await expect.poll(() => mindset.getAttribute('data-unreachable')).toBe('true');
    expect(await page.getByTestId('studio-map-step-environment').getAttribute('data-unreachable')).toBeNull();
    expect(await page.getByTestId('studio-map-problems').textContent()).toContain('#mindset');
    await cursorAfter(page, '01-shift-prep.md', '> end');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await expect.poll(() => page.getByTestId('studio-compile-state').textContent()).toContain('no errors');
  });

  it('diffs against the published release with the agents\u2019 "What changed"', async () => {
    await page.getByTestId('studio-tab-diff').click();
    const phrase = page.getByTestId('cc-change-phrase-greeting');
    await phrase.waitFor();
    expect(await phrase.locator('ins').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/welcome|and/)]));
  });

  it('saves with Ctrl+S to the folder\u2019s Markdown file', async () => {
    await page.keyboard.press('Control+s');
    await page.getByTestId('studio-saved').waitFor();
    expect(await page.getByTestId('studio-unsaved').count()).toBe(0);
    expect(await readFile(join(folder, FILE), 'utf8')).toContain(`  en: ${NEW_EN}`);
  });

  it('keeps an unsaved draft across a reload', async () => {
    await cursorAfter(page, FILE, 'title:');
    await page.keyboard.type(' ');
    await page.keyboard.press('Backspace');
    await cursorAfter(page, FILE, 'en: Inbound call');
    await page.keyboard.type(' (draft)');
    await page.getByTestId('studio-unsaved').waitFor();
    await page.reload();
    await page.getByTestId(`studio-file-${FILE}`).click();
    await expect.poll(() => page.locator('.cm-content').textContent()).toContain('Inbound call (draft)');
    await page.getByTestId('studio-unsaved').waitFor();
    expect(await readFile(join(folder, FILE), 'utf8')).not.toContain('(draft)');
  });

  it('refuses a write forged by another site the lead has open', async () => {
    const evil = createServer((_req, res) => res.end('<!doctype html><title>evil</title>'));
    await new Promise<void>((ok) => evil.listen(0, '127.0.0.1', ok));
    const target = new URL(studio.url).origin;
    try {
      // Same browser as the lead (the Studio cookie is in its jar), another site's page.
      const attacker = await page.context().newPage();
      await attacker.goto(`http://localhost:${(evil.address() as AddressInfo).port}/`);
      const outcomes = await attacker.evaluate(async (studioOrigin) => {
        const body = JSON.stringify({ path: '02-inbound-phone.md', text: 'pwned' });
        const tries = [
          () => fetch(`${studioOrigin}/api/file`, { method: 'PUT', credentials: 'include', headers: { 'content-type': 'application/json' }, body }),
          () => fetch(`${studioOrigin}/api/file`, { method: 'POST', mode: 'no-cors', credentials: 'include', body }),
        ];
        const out: string[] = [];
        for (const attempt of tries)
          out.push(
            await attempt().then(
              (r) => `status ${r.status}`,
              (e: Error) => e.name,
            ),
          );
        return out;
      }, target);
      // The PUT fails its preflight; the no-cors POST gets an opaque answer (status 0).
      expect(outcomes).toEqual(['TypeError', 'status 0']);
      await attacker.close();
      // Even with the lead's own cookie replayed, a write from another origin is refused.
      const cookie = (await page.context().cookies(target)).map((c) => `${c.name}=${c.value}`).join('; ');
      expect(cookie).toMatch(/cuecard_studio=/);
      const replay = await fetch(`${target}/api/file`, {
        method: 'PUT',
        headers: { cookie, origin: 'http://localhost:1', 'content-type': 'application/json' },
        body: JSON.stringify({ path: FILE, text: 'pwned' }),
      });
      expect(replay.status).toBe(403);
      expect(await readFile(join(folder, FILE), 'utf8')).not.toContain('pwned');
    } finally {
      evil.close();
    }
  });
});
