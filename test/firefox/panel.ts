/**
 * The panel and the options page as the Firefox tests drive them: state is read inside the
 * add-on's pages (extension-pages.ts), clicks are real mouse input at the element's place on
 * the CRM page (BiDi input, which Firefox routes into the panel's frame like a user's click).
 */
import type { Page } from 'puppeteer-core';
import { until, type FirefoxBrowser } from './harness';
import { runInExtensionPage, type PageTarget } from './extension-pages';

export const panelOf = (ff: FirefoxBrowser, page: Page): PageTarget => ({ prefix: `${ff.origin}/panel.html`, top: page.url() });
export const optionsPage = (ff: FirefoxBrowser): PageTarget => ({ prefix: `${ff.origin}/options.html` });

export function inPanel<A extends unknown[], R>(ff: FirefoxBrowser, page: Page, fn: (...args: A) => R | Promise<R>, ...args: A) {
  return runInExtensionPage(ff.browser, panelOf(ff, page), fn, ...args);
}

/** Waits until the panel on `page` has rendered (its root or its collapsed tab). */
export async function waitForPanel(ff: FirefoxBrowser, page: Page): Promise<void> {
  await until(
    `the Cuecard panel on ${page.url()}`,
    () => inPanel(ff, page, () => !!document.querySelector('[data-testid="cc-panel"], [data-testid="cc-tab"]')),
    Boolean,
    20_000,
  );
}

/** What a test id's element shows: text, checked state, and whether it is laid out. */
export function readTestId(ff: FirefoxBrowser, page: Page, id: string) {
  return inPanel(ff, page, (testId: string) => {
    const el = document.querySelector<HTMLInputElement>(`[data-testid="${testId}"]`);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { text: el.textContent ?? '', checked: el.checked === true, visible: r.width > 0 && r.height > 0 };
  }, id);
}

export const tid = (id: string) => `[data-testid="${id}"]`;

/** Clicks the panel element `selector` picks with the mouse, where it is on screen. */
export async function clickInPanel(ff: FirefoxBrowser, page: Page, selector: string): Promise<void> {
  const at = await until(`${selector} in the panel`, () => inPanel(ff, page, (sel: string) => {
    const el = document.querySelector(sel);
    if (!el) return null;
    el.scrollIntoView({ block: 'center' });
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : null;
  }, selector), (v) => v !== null);
  const frame = await page.evaluate(() => {
    const r = document.querySelector('cuecard-panel')!.getBoundingClientRect();
    return { x: r.left, y: r.top };
  });
  await page.mouse.click(frame.x + at!.x, frame.y + at!.y);
}
