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
  return inPanel(
    ff,
    page,
    (testId: string) => {
      const el = document.querySelector<HTMLInputElement>(`[data-testid="${testId}"]`);
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { text: el.textContent ?? '', checked: el.checked === true, visible: r.width > 0 && r.height > 0 };
    },
    id,
  );
}

export const tid = (id: string) => `[data-testid="${id}"]`;

/**
 * Clicks the panel element `selector` picks with the mouse, where it is on screen. Waits until
 * the element stands still (the panel may still be laying out) and then checks that the click
 * reached it, so a click that lands elsewhere fails here, naming what it hit.
 */
export async function clickInPanel(ff: FirefoxBrowser, page: Page, selector: string): Promise<void> {
  let last = '';
  const at = await until(
    `${selector} in the panel, standing still`,
    () =>
      inPanel(
        ff,
        page,
        (sel: string) => {
          const el = document.querySelector(sel);
          if (!el) return null;
          el.scrollIntoView({ block: 'center' });
          const r = el.getBoundingClientRect();
          if (!(r.width > 0 && r.height > 0)) return null;
          const x = r.left + r.width / 2;
          const y = r.top + r.height / 2;
          const name = (n: Element) =>
            `<${n.tagName.toLowerCase()} class="${n.getAttribute('class') ?? ''}" data-testid="${n.getAttribute('data-testid') ?? ''}"> "${(n.textContent ?? '').slice(0, 40)}"`;
          // The next click anywhere in the panel is recorded: did it reach this element?
          const w = window as unknown as { __ccClicked?: string };
          w.__ccClicked = '';
          document.addEventListener('click', (e) => void (w.__ccClicked = el.contains(e.target as Node) ? 'ok' : name(e.target as Element)), {
            capture: true,
            once: true,
          });
          const hit = document.elementFromPoint(x, y);
          return { x, y, key: `${x},${y}`, covered: hit && !el.contains(hit) ? name(hit) : '' };
        },
        selector,
      ),
    (v) => {
      const still = v !== null && !v.covered && v.key === last;
      last = v?.key ?? '';
      return still;
    },
  );
  const frame = await page.evaluate(() => {
    const r = document.querySelector('cuecard-panel')!.getBoundingClientRect();
    return { x: r.left, y: r.top };
  });
  await page.mouse.click(frame.x + at!.x, frame.y + at!.y);
  const result = await until(
    `the click on ${selector} to arrive`,
    () => inPanel(ff, page, () => (window as unknown as { __ccClicked?: string }).__ccClicked ?? ''),
    (v) => v !== '',
  );
  if (result !== 'ok') throw new Error(`The click meant for ${selector} in the panel hit ${result}`);
}
