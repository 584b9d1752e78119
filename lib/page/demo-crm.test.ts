// Pins the demo CRM (test/fixtures/crm + test/demo/server.mjs) that the e2e suite and the
// benchmarks drive: the ids they select, the GBK page really being GBK, and the server's rules.
// It lives beside lib/page because these pages exist to exercise lib/page in a real browser.
import { request } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_ROOT, startDemoServer, type DemoServer } from '../../test/demo/server.mjs';

let srv: DemoServer;
beforeAll(async () => {
  srv = await startDemoServer({
    extraRoutes: (req, res) => {
      if (req.url !== '/packs/demo.yaml') return false;
      res.end('id: demo');
      return true;
    },
  });
});
afterAll(() => srv.close());

/** A raw GET: fetch() would normalise `..` away before the server ever saw it. */
function get(path: string, method = 'GET'): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: srv.port, path, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('demo server', () => {
  it('serves pages uncached with their content types', async () => {
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['cache-control']).toBe('no-store');
    expect((await get('/crm.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await get('/log.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    const head = await get('/index.html', 'HEAD');
    expect([head.status, head.body.length]).toEqual([200, 0]);
  });

  it('serves gbk.html as GBK bytes that declare GBK', async () => {
    const res = await get('/gbk.html');
    expect(res.headers['content-type']).toBe('text/html; charset=GBK');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(res.body)).toThrow();
    const text = new TextDecoder('gbk').decode(res.body);
    expect(text).toContain('charset=GBK');
    expect(text).toContain('<label for="notes">受理记录 Notes</label>');
  });

  it('answers 404 for missing files and refuses paths that leave the fixture folder', async () => {
    expect((await get('/nope.html')).status).toBe(404);
    for (const p of ['/../package.json', '/%2e%2e/%2e%2e/package.json', '/x/..%2f..%2f..%2fpackage.json', '/..\\package.json', '/%00'])
      expect((await get(p)).status, p).toBe(403);
    expect((await get('/index.html', 'POST')).status).toBe(405);
  });

  it('lets other tests add routes', async () => {
    expect((await get('/packs/demo.yaml')).body.toString()).toBe('id: demo');
  });
});

// The contract with the e2e suite: pages and the element ids it may rely on.
const KEY_IDS: Record<string, string[]> = {
  'index.html': [
    'cust-name',
    'cust-phone',
    'cust-account',
    'ticket-id',
    'notes',
    'reply',
    'cust-level',
    'cust-region',
    'cust-email',
    'callback-code',
    'cust-password',
    'cust-remark',
    'save',
    'status',
    'log',
    'log-clear',
  ],
  'frameset.html': ['banner-frame', 'nav-frame', 'main-frame'],
  // guards (issue 13.1, 13.2): test/e2e/guards.e2e.ts, field-checks.e2e.ts
  'account.html': [
    'btn-change-plan',
    'btn-reset-password',
    'btn-balance',
    'rerender-actions',
    'late-row',
    'shadow-actions',
    'acct-form',
    'acct-phone',
    'acct-type',
    'acct-notes',
    'acct-save',
    'account-frame',
  ],
  'account-frame.html': ['frame-change-plan', 'frame-done'],
  'nav.html': ['nav-search', 'log'],
  'main.html': ['cust-name', 'cust-phone', 'cust-account', 'ticket-id', 'notes', 'save', 'status', 'log'],
  'iframes.html': ['notes', 'same-frame', 'cross-frame', 'cross-url', 'log'],
  'iframe-form.html': ['sub-name', 'sub-ticket', 'sub-notes', 'log'],
  'iframe-cross.html': ['cross-notes', 'log'],
  'widgets.html': [
    'react-input',
    'react-notes',
    'react-locked',
    'state',
    'rerender',
    'render-count',
    'vue-input',
    'vue-state',
    'rich',
    'rich-plain',
    'shadow-host',
    'shadow-input',
    'shadow-notes',
    'shadow-rich',
    'closed-host',
    'log',
  ],
  'gbk.html': ['cust-name', 'ticket-id', 'notes', 'submit', 'submitted', 'charset', 'log'],
  'spa.html': ['link-customer', 'link-ticket', 'route', 'view', 'spa-name', 'spa-phone', 'spa-notes', 'spa-ticket-id', 'spa-ticket-notes', 'log'],
  'heavy.html': ['filter', 'notes', 'big-table', 'rows', 'row-count', 'render-ms', 'log'],
  'customer.html': ['legacy-table', 'cust-name', 'lg-phone', 'lg-account', 'lg-ticket', 'ticket-type', 'notes', 'log'],
};

describe('demo CRM pages', () => {
  const pages = readdirSync(FIXTURE_ROOT).filter((f) => f.endsWith('.html'));
  const read = (f: string) => new TextDecoder(f.startsWith('gbk') ? 'gbk' : 'utf-8').decode(readFileSync(join(FIXTURE_ROOT, f)));

  it.each(Object.entries(KEY_IDS))('%s has its key element ids', (page, ids) => {
    const html = read(page);
    for (const id of ids) expect(html, id).toMatch(new RegExp(`id=["']${id}["']`));
  });

  it('load nothing from outside the demo server', () => {
    for (const f of [...pages, 'crm.css', 'log.js']) {
      expect(read(f), f).not.toMatch(/(src|href|action)\s*=\s*["']?(https?:)?\/\//i);
      expect(read(f), f).not.toMatch(/url\(\s*["']?(https?:)?\/\//i);
    }
    expect(pages.sort()).toEqual(Object.keys(KEY_IDS).concat('banner.html').sort());
  });
});
