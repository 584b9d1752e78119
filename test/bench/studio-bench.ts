/**
 * Studio's figures (issue 12), all from one run: the client bundle's size (raw and gzip),
 * time to interactive over a 1,000-procedure pack (navigation start → editor up and the
 * first compile's result shown), and compile-as-you-type latency (keydown in the editor →
 * that text's compile shown, timed in the page) beside a plain compile() of the same
 * folder in Node. Medians; the bundle is built fresh first.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { compile } from '../../lib/pack/authoring/compile';
import { decompile } from '../../lib/pack/authoring/decompile';
import { writePackFolder } from '../../lib/cli/pack-folder';
import { startStudio } from '../../lib/cli/studio';
import { studioAssets } from '../../lib/studio/assets';
import { CHROMIUM } from '../e2e/harness';
import { makeBigPack } from './pack-gen';
import { median } from './stats';

const ROOT = resolve(import.meta.dirname, '../..');
const FILES = ['studio.js', 'studio.css', 'compile-worker.js'];

async function bundleSize() {
  const { buildStudio } = (await import(pathToFileURL(join(ROOT, 'scripts/build-studio.mjs')).href)) as { buildStudio(): Promise<void> };
  await buildStudio();
  let raw = 0;
  let gz = 0;
  for (const f of FILES) {
    const bytes = await readFile(join(studioAssets(), f));
    raw += bytes.length;
    gz += gzipSync(bytes, { level: 9 }).length;
  }
  return { studioBundleKB: raw / 1024, studioBundleGzipKB: gz / 1024 };
}

/** ms from navigation start until the editor shows and the first compile's outcome is on screen. */
async function timeToInteractive(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.waitForFunction(
    () => Number(document.querySelector('[data-testid=studio-compile-state]')?.getAttribute('data-compiles')) > 0 && document.querySelector('.cm-content'),
    null,
    {
      timeout: 120_000,
      polling: 'raf',
    },
  );
  return page.evaluate(() => performance.now());
}

/** One keystroke: keydown → the compile of the text it made is shown (data-compiles moved on). */
async function keystroke(page: Page, key: string): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { __t0?: number; __before?: string };
    w.__before = document.querySelector('[data-testid=studio-compile-state]')!.getAttribute('data-compiles')!;
    addEventListener('keydown', () => (w.__t0 = performance.now()), { once: true, capture: true });
  });
  await page.keyboard.press(key);
  return page.evaluate(
    () =>
      new Promise<number>((done) => {
        const w = window as unknown as { __t0: number; __before: string };
        const check = () => {
          const now = document.querySelector('[data-testid=studio-compile-state]')!.getAttribute('data-compiles');
          if (now !== w.__before) done(performance.now() - w.__t0);
          else requestAnimationFrame(check);
        };
        check();
      }),
  );
}

export async function benchStudio(rounds = 5, keystrokes = 15) {
  const sizes = await bundleSize();
  const pack = makeBigPack(1000);
  const files = decompile(pack);
  const folder = join(await mkdtemp(join(tmpdir(), 'cuecard-studio-bench-')), 'pack');
  await writePackFolder(folder, files);
  const plain: number[] = [];
  for (let i = 0; i < rounds + 2; i++) {
    const t0 = performance.now();
    if (!compile(files).ok) throw new Error('the generated pack does not compile');
    if (i >= 2) plain.push(performance.now() - t0);
  }
  const studio = await startStudio({ folder, port: 0, published: null });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
  try {
    const tti: number[] = [];
    const typing: number[] = [];
    const base = studio.url.replace(/\?token=.*/, '');
    const cookie = { name: 'cuecard_studio', value: new URL(studio.url).searchParams.get('token')!, url: base };
    for (let r = 0; r < rounds; r++) {
      const context = await browser.newContext();
      await context.addCookies([cookie]);
      const page = await context.newPage();
      tti.push(await timeToInteractive(page, base));
      if (r === 0) {
        await page.locator('.cm-line').nth(8).click();
        await page.keyboard.press('End');
        for (let k = 0; k < keystrokes; k++) typing.push(await keystroke(page, k % 2 ? 'Backspace' : 'a'));
      }
      await context.close();
    }
    return {
      ...sizes,
      studioTtiMs1k: median(tti),
      studioKeystrokeCompileMs1k: median(typing),
      studioPlainCompileMs1k: median(plain),
      studioKeystrokeRatio: median(typing) / median(plain),
    };
  } finally {
    await browser.close();
    await studio.close();
    await rm(folder, { recursive: true, force: true });
  }
}

if (process.argv[1] === import.meta.filename) console.log(await benchStudio());
