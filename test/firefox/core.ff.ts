/**
 * The Firefox subset: Debian's firefox-esr with the Firefox demo build (MV2) installed over
 * WebDriver BiDi. The panel appears on the demo CRM, the options page saves the agent's profile
 * (and the panel's phrase picks it up), a phrase inserts into the notes textarea, and a tick
 * survives a reload. The tests run in this order on one browser: the insert expects the
 * profile the options test saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchFirefox, until, type FirefoxBrowser } from './harness';
import { runInExtensionPage } from './extension-pages';
import { clickInPanel, inPanel, optionsPage, readTestId, tid, waitForPanel } from './panel';
import { startDemoServer } from '../demo/server.mjs';
import { procedure, step } from '../e2e/flows';
import { fillVariables } from '../../lib/pack/text';
import { translate } from '../../lib/i18n/translate';

const PROFILE = { company: '华夏通信', agentId: '10086-0321' };
const inbound = procedure('inbound-phone');
const greet = step(inbound, 'greet');
const greeting = greet.phrases!.find((p) => p.id === 'greeting')!;
const TEXT = fillVariables(greeting.text['zh-CN']!, PROFILE).text;
const second = step(inbound, greet.next!);
const item = second.checklist![0]!;

let ff: FirefoxBrowser;
let server: Awaited<ReturnType<typeof startDemoServer>>;

beforeAll(async () => {
  server = await startDemoServer({ port: 0, host: '127.0.0.1' });
  ff = await launchFirefox();
});
afterAll(async () => {
  await ff?.close();
  await server?.close();
});

let tabs = 0;
/** The demo CRM in a new tab. Each tab's URL is its own, so the panel's frame is found by it. */
async function openCrm(): Promise<Page> {
  const page = await ff.newPage();
  await page.goto(`${server.url}/index.html?tab=${++tabs}`);
  await waitForPanel(ff, page);
  return page;
}

/** The panel on the greeting step, a run started if none shows it. */
async function onGreeting(page: Page): Promise<void> {
  const shown = await until(
    'the procedure picker or a run',
    () =>
      inPanel(ff, page, () =>
        ['cc-insert-greeting', 'cc-start-inbound-phone-phone', 'cc-new-run'].filter((id) => document.querySelector(`[data-testid="${id}"]`)),
      ),
    (ids) => ids.length > 0,
  );
  if (shown.includes('cc-insert-greeting')) return;
  if (!shown.includes('cc-start-inbound-phone-phone')) await clickInPanel(ff, page, tid('cc-new-run'));
  await clickInPanel(ff, page, tid('cc-start-inbound-phone-phone'));
  await until(
    'the greeting phrase',
    () => readTestId(ff, page, 'cc-insert-greeting'),
    (v) => v?.visible === true,
  );
}

const title = async (page: Page) => (await readTestId(ff, page, 'cc-step-title'))?.text ?? '';

describe('Cuecard in Firefox ESR (MV2, BiDi)', () => {
  it('the panel appears once on the demo CRM, docked on the right', async () => {
    const page = await openCrm();
    const hosts = await page.evaluate(() => [...document.querySelectorAll('cuecard-panel')].map((h) => h.getBoundingClientRect().toJSON() as DOMRect));
    expect(hosts).toHaveLength(1);
    expect(hosts[0]!.width).toBeGreaterThan(200);
    expect(hosts[0]!.x + hosts[0]!.width).toBeCloseTo(1280, -1);
    // Rendered inside, not just framed: the panel's root is laid out, and it works (a run starts).
    expect(await readTestId(ff, page, 'cc-panel')).toMatchObject({ visible: true });
    await onGreeting(page);
    expect(await readTestId(ff, page, 'cc-step-title')).toMatchObject({ text: expect.stringContaining(greet.title['zh-CN']!) });
    await page.close();
  });

  it('the options page saves the agent profile, and the panel fills it into the phrase', async () => {
    const page = await openCrm();
    await onGreeting(page);
    // No profile yet: the phrase shows its variables as missing and offers the options page.
    expect((await readTestId(ff, page, 'cc-phrase-greeting'))?.text).toContain('{company}');
    // The phrase card's "去设置" link opens the options page in a tab (Firefox: without
    // runtime.openOptionsPage, which a framed extension page lacks there; lib/panel-page/actions.ts).
    await clickInPanel(ff, page, '.cc-phrase .cc-hint .cc-link');

    const options = optionsPage(ff);
    const run = <A extends unknown[], R>(fn: (...a: A) => R, ...a: A) => runInExtensionPage(ff.browser, options, fn, ...a);
    // The inputs' values, and which load of the page shows them (its timeOrigin).
    const fields = () =>
      run(
        () =>
          ({
            loadedAt: String(performance.timeOrigin),
            ...Object.fromEntries([...document.querySelectorAll<HTMLInputElement>('[data-testid^="cc-opt-"]')].map((i) => [i.dataset.testid!, i.value])),
          }) as Record<string, string>,
      );
    const saved: Record<string, string> = {};
    let previousLoad = '';
    // One field at a time, as an agent edits them, each on a freshly loaded page: its status
    // line starts empty, so "已保存" is this field's save (typed, then Save clicked), and the
    // reload shows what was stored.
    for (const [key, value] of Object.entries(PROFILE)) {
      const shown = await until(
        'a fresh options page with the profile stored so far',
        fields,
        (f) => f.loadedAt !== previousLoad && 'cc-opt-company' in f && Object.entries(saved).every(([k, v]) => f[`cc-opt-${k}`] === v),
      );
      previousLoad = shown.loadedAt!;
      const status = () => run(() => document.querySelector('[data-testid="cc-opt-profile-status"][role="status"]')?.textContent ?? null);
      expect(await status()).toBe('');
      await run(
        (k: string, v: string) => {
          const input = document.querySelector<HTMLInputElement>(`[data-testid="cc-opt-${k}"]`)!;
          input.focus();
          input.value = v;
          input.dispatchEvent(new Event('input', { bubbles: true }));
          input.dispatchEvent(new Event('change', { bubbles: true }));
        },
        key,
        value,
      );
      // Save in a call of its own: Preact renders the typed draft after the input event (in a
      // microtask), and Save submits the draft it last rendered.
      await run(() => document.querySelector<HTMLButtonElement>('[data-testid="cc-opt-profile-save"]')!.click());
      await until(`"已保存" after changing ${key}`, status, (t) => t === translate('zh-CN', 'options.saved'));
      saved[key] = value;
      await run(() => void setTimeout(() => location.reload(), 0));
    }
    await until(
      'the reloaded options page showing the saved profile',
      fields,
      (f) => f.loadedAt !== previousLoad && f['cc-opt-company'] === PROFILE.company && f['cc-opt-agentId'] === PROFILE.agentId,
    );

    // Saved, not just shown: the panel (another page of the add-on) now fills the profile in.
    await until(
      'the greeting filled with the profile',
      () => readTestId(ff, page, 'cc-phrase-greeting'),
      (v) => v?.text === TEXT,
    );
    await page.close();
  });

  it('a phrase inserts into the notes textarea at the selection', async () => {
    const page = await openCrm();
    await onGreeting(page);
    await until(
      'the greeting filled with the profile',
      () => readTestId(ff, page, 'cc-phrase-greeting'),
      (v) => v?.text === TEXT,
    );
    await page.click('#notes');
    await page.type('#notes', '甲乙XX丙丁');
    await page.evaluate(() => (document.getElementById('notes') as HTMLTextAreaElement).setSelectionRange(2, 4));
    await clickInPanel(ff, page, tid('cc-insert-greeting'));
    const verdict = await until(
      'the insert verdict',
      () => readTestId(ff, page, 'cc-insert-result'),
      (v) => !!v?.text,
    );
    expect(verdict!.text).toBe(translate('zh-CN', 'phrase.inserted'));
    expect(await page.$eval('#notes', (el) => (el as HTMLTextAreaElement).value)).toBe(`甲乙${TEXT}丙丁`);
    await page.close();
  });

  it('a tick survives a reload', async () => {
    const page = await openCrm();
    await onGreeting(page);
    await clickInPanel(ff, page, tid('cc-next'));
    await until(
      'the second step',
      () => title(page),
      (t) => t.includes(second.title['zh-CN']!),
    );
    const box = `cc-item-${item.id}`;
    expect(await readTestId(ff, page, box)).toMatchObject({ checked: false });
    await clickInPanel(ff, page, tid(box));
    await until(
      'the tick',
      () => readTestId(ff, page, box),
      (v) => v?.checked === true,
    );

    await page.reload();
    await waitForPanel(ff, page);
    await until(
      'the second step after the reload',
      () => title(page),
      (t) => t.includes(second.title['zh-CN']!),
    );
    await until(
      'the tick after the reload',
      () => readTestId(ff, page, box),
      (v) => v?.checked === true,
    );
    await page.close();
  });
});
