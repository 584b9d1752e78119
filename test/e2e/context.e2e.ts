/**
 * Agent tools inside the CRM page, in real Chromium with the built extension: customer fields
 * read from the page (by selector and by label text, in any frame), a procedure suggested by
 * the page, masking of anything stored, "Show me" (late fields, SPA routes, frames, misses
 * recorded for the options export) and the intake record inserted into the CRM's notes.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Locator, Page } from 'playwright-core';
import { demoServer, extensionPage, launch, panelFrame, type Browser } from './harness';
import { currentTitle, procedure, setOptions, startProcedure, step, tickRequired, walkToChoice } from './flows';

let browser: Browser;
let server: Awaited<ReturnType<typeof demoServer>>;
const inbound = procedure('inbound-phone');
const PHONE = '13812345678';
/** Reads and outlines go panel → background → every frame and back: allow for a busy machine. */
const WAIT = { timeout: 8000 };

/** A pack whose step points at one element that no demo page has, and one only in main.html. */
const anchorPack = {
  format: 1,
  id: 'test.anchors',
  version: 1,
  title: { 'zh-CN': '锚点测试' },
  languages: ['zh-CN'],
  procedures: [
    {
      id: 'anchor-check',
      title: { 'zh-CN': '锚点检查' },
      kind: 'contact',
      start: 'look',
      steps: [
        {
          id: 'look',
          title: { 'zh-CN': '查看' },
          anchors: [
            { name: { 'zh-CN': '不存在的按钮' }, selector: '#no-such-button' },
            { name: { 'zh-CN': '框架内的受理记录' }, labelText: '受理记录', frame: 'main.html' },
            { name: { 'zh-CN': '控件里的回访记录' }, labelText: '回访记录' },
          ],
        },
      ],
    },
  ],
};

beforeAll(async () => {
  server = await demoServer();
  browser = await launch();
  await setOptions(browser, { mode: 'newHire', agentId: '10086-0321' });
  const opts = await extensionPage(browser, '/options.html#packs');
  // A test pack is not signed: allow that, as a team lead trying out a pack would.
  await opts.getByTestId('cc-allow-unsigned').check();
  await opts.waitForFunction(() => (document.querySelector('[data-testid="cc-allow-unsigned"]') as HTMLInputElement | null)?.checked);
  await opts
    .getByTestId('cc-opt-import')
    .setInputFiles({ name: 'anchors.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(anchorPack)) });
  await opts.getByText('test.anchors').first().waitFor(); // named in the status and the list of packs
  await opts.close();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openCrm(path: string): Promise<{ page: Page; panel: Frame }> {
  const page = await browser.context.newPage();
  await page.goto(server.url + path);
  return { page, panel: await panelFrame(page, browser.extensionId) };
}

const text = (l: Locator) => l.textContent().then((t) => t ?? '');
const field = (panel: Frame, id: string) => text(panel.getByTestId(`cc-field-${id}`));

async function toStep(panel: Frame, id: string) {
  await expect.poll(() => currentTitle(panel), WAIT).toContain(step(inbound, id).title['zh-CN']);
}

/** Is the highlight box of `frame` drawn around the element `target` of that frame? */
async function surrounds(frame: Page | Frame, target: string): Promise<boolean> {
  const [box, el] = await Promise.all([frame.locator('cuecard-highlight').boundingBox(), frame.locator(target).boundingBox()]);
  if (!box || !el) return false;
  return box.x <= el.x && box.y <= el.y && box.x + box.width >= el.x + el.width && box.y + box.height >= el.y + el.height && box.width - el.width < 12;
}

describe('page fields', () => {
  it('reads the customer by selector and by label text; phrases use them, the panel masks them', async () => {
    const { page, panel } = await openCrm('/index.html');
    await page.fill('#cust-name', '张三');
    await page.fill('#cust-phone', PHONE);
    await startProcedure(panel, inbound.id, 'phone');
    await expect.poll(() => field(panel, 'customer.name'), WAIT).toBe('张*');
    expect(await field(panel, 'customer.phone')).toBe('138****5678');
    expect(await field(panel, 'customer.account')).toBe('页面上未找到');
    await panel.getByTestId('cc-field-customer.phone').hover();
    await expect.poll(() => field(panel, 'customer.phone'), WAIT).toBe(PHONE);
    await panel.getByTestId('cc-step-title').hover();
    await expect.poll(() => field(panel, 'customer.phone'), WAIT).toBe('138****5678');

    await panel.getByTestId('cc-next').click();
    await toStep(panel, 'verify-identity');
    await expect.poll(() => text(panel.getByTestId('cc-phrase-verify-thanks-name')), WAIT).toBe('张三，感谢您的配合，身份已核实。');
    await page.fill('#cust-name', '李四');
    await panel.getByTestId('cc-context-refresh').click();
    await expect.poll(() => text(panel.getByTestId('cc-phrase-verify-thanks-name')), WAIT).toContain('李四，');
    // Typing in the CRM and coming back to the panel is enough: it reads the page again.
    await page.fill('#cust-name', '赵六');
    await panel.getByTestId('cc-step-title').click();
    await expect.poll(() => text(panel.getByTestId('cc-phrase-verify-thanks-name')), WAIT).toContain('赵六，');
    await page.close();
  });

  it('reads the fields of a frameset from its main frame', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url + '/frameset.html');
    const main = page.frame({ name: 'main' })!;
    await main.waitForSelector('#cust-name');
    await main.fill('#cust-name', '王五');
    await main.fill('#cust-account', 'ACC-2008-0417');
    const panel = await panelFrame(page, browser.extensionId);
    await startProcedure(panel, inbound.id, 'phone');
    await expect.poll(() => field(panel, 'customer.name'), WAIT).toBe('王*');
    expect(await field(panel, 'customer.account')).toBe('ACC******0417');
    await page.close();
  });

  it('suggests the complaint procedure on a page that matches, first in the picker, by element or URL', async () => {
    for (const path of ['/customer.html', '/main.html?tab=complaint']) {
      const { page, panel } = await openCrm(path);
      if (await panel.getByTestId('cc-new-run').isVisible()) await panel.getByTestId('cc-new-run').click();
      await panel.getByTestId('cc-suggest-complaint').waitFor();
      // The suggestion comes before every other procedure in the picker.
      const order = await panel
        .locator('[data-testid^="cc-suggest-"], [data-testid^="cc-start-"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
      expect(order[0], path).toBe('cc-suggest-complaint');
      await page.close();
    }
    const { page, panel } = await openCrm('/index.html');
    if (await panel.getByTestId('cc-new-run').isVisible()) await panel.getByTestId('cc-new-run').click();
    await panel.getByTestId('cc-start-complaint').waitFor();
    await page.waitForTimeout(1000); // a read of the page has had time to answer
    expect(await panel.getByTestId('cc-suggested').count()).toBe(0);
    await page.close();
  });

  it('finds fields by table-cell captions on a page without labels, and stores only masked values', async () => {
    const { page, panel } = await openCrm('/customer.html');
    if (await panel.getByTestId('cc-new-run').isVisible()) await panel.getByTestId('cc-new-run').click();
    await panel.getByTestId('cc-suggest-complaint').click();
    await expect.poll(() => field(panel, 'customer.phone'), WAIT).toBe('138****5678');
    expect(await field(panel, 'ticket.id')).toBe('T20*****8001');

    const opts = await extensionPage(browser);
    const dump = () =>
      opts.evaluate(async () => {
        const db = await new Promise<IDBDatabase>((ok, fail) =>
          Object.assign(indexedDB.open('cuecard'), {
            onsuccess(this: IDBRequest<IDBDatabase>) {
              ok(this.result);
            },
            onerror: fail,
          }),
        );
        const all: Record<string, unknown> = {};
        for (const name of Array.from(db.objectStoreNames)) {
          all[name] = await new Promise((ok, fail) =>
            Object.assign(db.transaction(name).objectStore(name).getAll(), {
              onsuccess(this: IDBRequest) {
                ok(this.result);
              },
              onerror: fail,
            }),
          );
        }
        db.close();
        const ext = (globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<unknown> } } } }).chrome;
        return JSON.stringify({ indexedDb: all, storage: await ext.storage.local.get(null) });
      });
    await expect.poll(dump, WAIT).toContain('"customer.phone":"138****5678"');
    const stored = await dump();
    expect(stored).toContain('"ticket.id":"T20*****8001"');
    expect(stored).not.toContain(PHONE);
    // Names are not storable in the default pack. The pack itself is authored text (its practice
    // scenarios use a sample customer of the same name), so look outside it.
    const { indexedDb, storage } = JSON.parse(stored) as { indexedDb: Record<string, unknown>; storage: unknown };
    expect(JSON.stringify({ ...indexedDb, packs: undefined, storage })).not.toContain('王小明');
    await opts.close();
    await page.close();
  });
});

describe('Show me', () => {
  it('outlines and scrolls to the element without touching its style', async () => {
    const { page, panel } = await openCrm('/index.html');
    await page.evaluate(() => (document.body.style.paddingBottom = '3000px'));
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await startProcedure(panel, inbound.id, 'phone');
    await panel.getByTestId('cc-next').click();
    await toStep(panel, 'verify-identity');
    await panel.getByTestId('cc-showme-1').click(); // 账户, by label text
    await expect.poll(() => text(panel.getByTestId('cc-showme-status')), WAIT).toContain('已在 CRM 页面中框出');
    expect(await surrounds(page, '#cust-account')).toBe(true);
    const y = (await page.locator('#cust-account').boundingBox())!.y;
    expect(y).toBeGreaterThan(0);
    expect(y).toBeLessThan(800);
    expect(await page.locator('#cust-account').getAttribute('style')).toBeNull();
    // Leaving the step takes the outline away.
    await tickRequired(panel, step(inbound, 'verify-identity'));
    await panel.getByTestId('cc-next').click();
    await expect.poll(() => page.locator('cuecard-highlight').count(), WAIT).toBe(0);
    await page.close();
  });

  it('waits for late fields on a single-page CRM and follows its route changes', async () => {
    const { page, panel } = await openCrm('/spa.html?delay=3000#/customer');
    await startProcedure(panel, inbound.id, 'phone');
    await panel.getByTestId('cc-next').click();
    await toStep(panel, 'verify-identity');
    await page.evaluate(() => (window as unknown as { spaNavigate(r: string): void }).spaNavigate('/customer'));
    const asked = Date.now();
    await panel.getByTestId('cc-showme-0').click(); // 客户姓名: not rendered yet
    await expect.poll(() => text(panel.getByTestId('cc-showme-status')), { timeout: 8000 }).toContain('已在 CRM 页面中框出');
    expect(Date.now() - asked).toBeGreaterThan(1500);
    expect(await surrounds(page, '#spa-name')).toBe(true);

    await tickRequired(panel, step(inbound, 'verify-identity'));
    await panel.getByTestId('cc-next').click();
    await toStep(panel, 'listen');
    await panel.getByTestId('cc-showme-0').click(); // the notes field, on every route
    await expect.poll(() => surrounds(page, '#spa-notes'), WAIT).toBe(true);
    await page.click('#link-ticket'); // pushState, then the ticket form renders late
    await expect.poll(() => surrounds(page, '#spa-ticket-notes'), { timeout: 8000 }).toBe(true);
    await page.goBack(); // popstate
    await expect.poll(() => surrounds(page, '#spa-notes'), { timeout: 8000 }).toBe(true);
    await page.close();
  });

  it('looks in the frame an anchor names', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url + '/frameset.html');
    const panel = await panelFrame(page, browser.extensionId);
    await startProcedure(panel, 'anchor-check');
    await panel.getByTestId('cc-showme-1').click();
    await expect.poll(() => text(panel.getByTestId('cc-showme-status')), WAIT).toContain('已在 CRM 页面中框出');
    expect(await surrounds(page.frame({ name: 'main' })!, '#notes')).toBe(true);
    await page.close();
  });

  it('finds a field by its label inside the open shadow root of a widget', async () => {
    const { page, panel } = await openCrm('/widgets.html');
    await startProcedure(panel, 'anchor-check');
    await panel.getByTestId('cc-showme-2').click();
    await expect.poll(() => text(panel.getByTestId('cc-showme-status')), WAIT).toContain('已在 CRM 页面中框出');
    expect(await surrounds(page, '#shadow-input')).toBe(true); // Playwright's CSS goes through open shadow roots
    await page.close();
  });

  it('reports an element that is not there, and the options page exports it', async () => {
    const { page, panel } = await openCrm('/index.html?customer=' + PHONE);
    await startProcedure(panel, 'anchor-check');
    await panel.getByTestId('cc-showme-0').click();
    await expect.poll(() => text(panel.getByTestId('cc-showme-status')), { timeout: 10_000 }).toBe('未找到本步骤对应的 CRM 页面元素：不存在的按钮');
    await page.close();

    const opts = await extensionPage(browser, '/options.html#anchors');
    const [download] = await Promise.all([opts.waitForEvent('download'), opts.getByTestId('cc-opt-anchors-export').click()]);
    const file = readFileSync(await download.path(), 'utf8');
    const exported = JSON.parse(file) as { anchors: Array<Record<string, unknown>> };
    expect(exported.anchors).toContainEqual(
      expect.objectContaining({
        packId: 'test.anchors',
        procedureId: 'anchor-check',
        stepId: 'look',
        index: 0,
        count: 1,
        anchor: { selector: '#no-such-button', name: '不存在的按钮' },
        page: `${server.url}/index.html`,
      }),
    );
    expect(file).not.toContain(PHONE); // the page's query string is not recorded
    await opts.close();
  });
});

describe('intake record and transfer brief', () => {
  it('composes the record from the run and the page, and inserts it into the notes field', async () => {
    const { page, panel } = await openCrm('/index.html');
    await page.fill('#cust-name', '张三');
    await page.fill('#cust-phone', PHONE);
    await page.fill('#cust-account', 'ACC-2008-0417');
    await startProcedure(panel, inbound.id, 'phone');
    const classify = await walkToChoice(panel, inbound);
    await panel.getByTestId('cc-choice-consult').click();
    await toStep(panel, 'consult');
    await tickRequired(panel, step(inbound, 'consult'));
    await panel.getByTestId('cc-next').click();
    await toStep(panel, 'record');

    const record = panel.getByTestId('cc-template-intake-record');
    await expect.poll(() => text(record), WAIT).toContain('客户：张三　联系方式：138****5678　账户：ACC******0417');
    const shown = await text(record);
    expect(shown).toContain(`需求类型：${classify.choices!.find((c) => c.id === 'consult')!.label['zh-CN']}`);
    expect(shown).toMatch(/处理过程：\n1\. 规范问候 \d+:\d\d\n2\. 身份确认 /);
    expect(shown).toContain('✓ 已核实机主身份');
    expect(shown).toContain('受理座席：10086-0321');

    await page.click('#notes');
    await panel.getByTestId('cc-template-insert-intake-record').click();
    await expect.poll(() => text(panel.getByTestId('cc-template-result-intake-record')), WAIT).toBe('已插入');
    const notes = await page.locator('#notes').inputValue();
    expect(notes.split('\n').slice(0, 2)).toEqual(shown.split('\n').slice(0, 2));
    expect(notes).toContain('需求类型：');
    expect(notes).not.toContain(PHONE);

    // 3.3: the transfer brief, on the hand-over step.
    await tickRequired(panel, step(inbound, 'record'));
    await panel.getByTestId('cc-next').click();
    await panel.getByTestId('cc-choice-transfer').click();
    await tickRequired(panel, step(inbound, 'transfer-consent'));
    await panel.getByTestId('cc-choice-agreed').click();
    await toStep(panel, 'transfer-handover');
    await expect.poll(() => text(panel.getByTestId('cc-template-transfer-brief')), WAIT).toMatch(/^【转接说明】客户张三（138\*\*\*\*5678），需求：咨询。/);
    await page.close();
  });
});
