/**
 * `coveredControls`: per demo page, the CRM controls whose centre lies under the docked panel
 * (test/e2e/covered-kit.ts, the measurement the page-shape e2e tests assert on), the most over
 * 1024, 1280 and 1366 px windows and 1366 px at 200 % browser zoom. The goal is 0 everywhere.
 * Run by test/bench/run.mjs after the other figures; merged into bench-results.json with a
 * budget on the total. A count, not a timing: it does not move with the machine's load.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { demoServer, launch, panelFrame, type Browser } from '../e2e/harness';
import { coveredControls, DEMO_PAGES, launchWindowed, setZoom } from '../e2e/covered-kit';

const SIZES = [
  { width: 1024, zoom: 1 },
  { width: 1280, zoom: 1 },
  { width: 1366, zoom: 1 },
  { width: 1366, zoom: 2 },
];

/** The editor pages' bundles (git-ignored, built from node_modules; skipped when up to date). */
export function buildEditorPages(): void {
  execFileSync(process.execPath, [resolve(import.meta.dirname, '../fixtures/crm/editors/build.mjs')], { stdio: 'inherit' });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function openDocked(b: Browser, url: string, width: number, zoom: number): Promise<Page> {
  const page = await b.context.newPage();
  if (zoom === 1) await page.setViewportSize({ width, height: 800 });
  await page.goto(url);
  if (zoom !== 1) await setZoom(await b.worker(), page.url(), zoom);
  const panel: Frame = await panelFrame(page, b.extensionId);
  for (let i = 0; i < 50 && !(await panel.getByTestId('cc-panel').isVisible()); i++) {
    await panel
      .getByTestId('cc-tab')
      .click({ timeout: 1000 })
      .catch(() => undefined);
    await sleep(100);
  }
  if (url.endsWith('/shapes/frames.html')) await page.click('#add-frame');
  return page;
}

/** Covered controls after the panel has settled (pinned elements are moved within ~150 ms). */
async function settledCount(page: Page, extensionId: string): Promise<number> {
  let n = Infinity;
  for (let i = 0; i < 10 && n > 0; i++) {
    await sleep(300);
    n = (await coveredControls(page, extensionId)).covered.length;
  }
  return n;
}

export async function benchCoveredControls(pages: readonly string[] = DEMO_PAGES): Promise<Record<string, number>> {
  buildEditorPages();
  const server = await demoServer();
  const worst: Record<string, number> = Object.fromEntries(pages.map((p) => [p, 0]));
  try {
    for (const { width, zoom } of SIZES) {
      const b = zoom === 1 ? await launch() : await launchWindowed(width);
      try {
        for (const path of pages) {
          const page = await openDocked(b, server.url + path, width, zoom);
          worst[path] = Math.max(worst[path]!, await settledCount(page, b.extensionId));
          await page.close();
        }
      } finally {
        await b.close();
      }
    }
  } finally {
    await server.close();
  }
  return worst;
}

/**
 * Measures, prints, and adds the figures to bench-results.json (written by main.ts just
 * before): `coveredControls` per page and `coveredControlsTotal` with its budget of 0.
 * Returns 1 when a control is covered and `strict` is set.
 */
export async function coveredControlsStep(argv: string[]): Promise<number> {
  console.error('covered controls: every demo page at 1024/1280/1366 px and 200 % zoom');
  const perPage = await benchCoveredControls();
  const total = Object.values(perPage).reduce((a, b) => a + b, 0);
  const file = join(resolve(import.meta.dirname, '../..'), 'bench-results.json');
  const report = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  const results = (report.results ?? {}) as Record<string, unknown>;
  report.results = { ...results, coveredControls: perPage, coveredControlsTotal: total };
  const budgets = ((report.budgets ?? []) as Array<{ key: string }>).filter((b) => b.key !== 'coveredControlsTotal');
  report.budgets = [...budgets, { key: 'coveredControlsTotal', value: total, label: '0', pass: total === 0, max: 0 }];
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  console.log(['', '| demo page | coveredControls |', '| --- | ---: |', ...Object.entries(perPage).map(([p, n]) => `| ${p} | ${n} |`)].join('\n'));
  console.log(`coveredControlsTotal: ${total} (budget 0: ${total === 0 ? 'pass' : 'FAIL'})`);
  return argv.includes('--strict') && total > 0 ? 1 : 0;
}
