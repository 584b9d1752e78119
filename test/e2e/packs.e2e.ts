/**
 * Signed pack subscriptions end to end: a local pack host (ETag, 304) serves releases of a
 * pack signed with a key made here; the options page subscribes; runs stay on their version;
 * a new release shows what changed and gates the changed phrase; tampered, expired and
 * rolled-back files are refused with a visible reason while the good release stays in use.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { generateSigningKey, signPack } from '../../lib/pack/sign';
import type { Pack } from '../../lib/pack/schema';
import { teamPack } from '../../lib/distribution/fixtures';
import { preview } from '../../lib/cli/preview';
import { startDemoServer } from '../demo/server.mjs';
import { CHROMIUM, extensionPage, launch, panelFrame, type Browser } from './harness';
import { currentTitle, defaultPack } from './flows';

const DAY = 86_400_000;
let browser: Browser;
let server: Awaited<ReturnType<typeof startDemoServer>>;
let key: Awaited<ReturnType<typeof generateSigningKey>>;
let served = '';
const hits: number[] = [];
/** What the agent saw for each refused file, printed for the report. */
const seen: Record<string, { options: string; panel: string }> = {};

const etagOf = (text: string) => `"${createHash('sha256').update(text).digest('hex').slice(0, 16)}"`;
function packHost(req: IncomingMessage, res: ServerResponse): boolean {
  if (!req.url?.startsWith('/packs/team-b.json')) return false;
  const etag = etagOf(served);
  if (req.headers['if-none-match'] === etag) {
    hits.push(304);
    res.writeHead(304, { ETag: etag });
    res.end();
  } else {
    hits.push(200);
    res.writeHead(200, { 'Content-Type': 'application/json', ETag: etag, 'Cache-Control': 'no-cache' });
    res.end(served);
  }
  return true;
}

const sign = (pack: Pack, sequence: number, expiresAt?: number) => signPack(pack, key.privateKey, { sequence, signedAt: Date.now() - DAY, expiresAt });
const release = (version: number): Pack => ({ ...teamPack(2), version });

let options: Page;
let crm: Page;
let panel: Frame;
const packUrl = () => `${server.url}/packs/team-b.json`;
const sub = () => options.locator(`[data-testid="cc-sub"][data-url="${packUrl()}"]`);

beforeAll(async () => {
  key = await generateSigningKey();
  served = await sign(teamPack(1), 1);
  server = await startDemoServer({ port: 0, host: '127.0.0.1', extraRoutes: packHost });
  browser = await launch();
  options = await extensionPage(browser, '/options.html#packs');
});
afterAll(async () => {
  console.log(`[packs.e2e] what the agent saw for each refused file:\n${JSON.stringify(seen, null, 2)}`);
  await browser?.close();
  await server?.close();
});

async function checkNow() {
  const before = await sub().getAttribute('data-checked');
  await options.getByTestId('cc-sub-check').click();
  await expect.poll(() => sub().getAttribute('data-checked')).not.toBe(before);
}

async function background<T>(type: string, payload: object = {}): Promise<T> {
  type Ext = { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; data?: unknown; error?: string }> } } };
  const reply = await options.evaluate(([t, p]) => (globalThis as unknown as Ext).chrome.runtime.sendMessage({ type: t, payload: p }), [
    type,
    payload,
  ] as const);
  if (!reply.ok) throw new Error(reply.error);
  return reply.data as T;
}

describe('subscribing to a signed pack', () => {
  it('adds the key and the URL from the options page and installs release 1', async () => {
    await options.getByTestId('cc-key-input').fill(key.publicKey);
    await options.getByTestId('cc-key-label').fill('Team B lead');
    await options.getByTestId('cc-key-pack-ids').fill('acme.*');
    await options.getByTestId('cc-key-add').click();
    await options.locator(`[data-testid="cc-key"][data-key-id="${key.keyId}"]`).waitFor();
    await options.getByTestId('cc-sub-url').fill(packUrl());
    await options.getByTestId('cc-sub-add').click();
    await expect.poll(() => sub().getAttribute('data-status')).toBe('installed');
    expect(await sub().getByTestId('cc-sub-status').textContent()).toMatch(/acme\.team-b .*1.*[(（].* 1[)）]/);
    expect(hits).toEqual([200]);
  });

  it('arms one alarm for the next check, about 30 minutes on', async () => {
    type Alarms = { chrome: { alarms: { get(name: string): Promise<{ scheduledTime: number } | undefined> } } };
    const worker = await browser.worker();
    const alarm = await worker.evaluate(() => (globalThis as unknown as Alarms).chrome.alarms.get('cuecard-packs'));
    expect(alarm).toBeDefined();
    const minutes = (alarm!.scheduledTime - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(26);
    expect(minutes).toBeLessThan(34);
  });

  it('shows the new pack in the panel, with pack id and version beside the default pack', async () => {
    crm = await browser.context.newPage();
    await crm.goto(`${server.url}/index.html`);
    panel = await panelFrame(crm, browser.extensionId);
    await panel.getByTestId('cc-pack-installed').waitFor();
    expect(await panel.getByTestId('cc-pack-of-callback').textContent()).toBe('acme.team-b · 第 1 版');
    expect(await panel.getByTestId('cc-pack-of-inbound-phone').textContent()).toBe(`${defaultPack.id} · 第 ${defaultPack.version} 版`);
  });

  it('starts a run on release 1 and leaves it open at the last step', async () => {
    await panel.getByTestId('cc-start-callback').click();
    await panel.getByTestId('cc-item-greeted').check();
    await panel.getByTestId('cc-next').click();
    await expect.poll(() => currentTitle(panel)).toContain('结束');
    expect(await panel.getByTestId('cc-phrase-bye').textContent()).toContain('感谢来电，再见。');
  });

  it('a repeated check is a 304: nothing downloaded, nothing changed', async () => {
    await checkNow();
    expect(hits).toEqual([200, 304]);
    expect(await sub().getAttribute('data-status')).toBe('unchanged');
  });
});

describe('release 2', () => {
  it('is fetched by "Check now" and announced in the panel with what changed, word by word', async () => {
    served = await sign(teamPack(2), 2);
    await checkNow();
    expect(await sub().getAttribute('data-status')).toBe('installed');
    expect(await sub().getByTestId('cc-sub-status').textContent()).toMatch(/acme\.team-b .*2/);
    await panel.getByTestId('cc-pack-updated').waitFor();
    await panel.getByTestId('cc-show-changes').click();
    const diff = panel.getByTestId('cc-what-changed');
    await diff.waitFor();
    expect(await diff.getByTestId('cc-change-step-survey').getAttribute('data-status')).toBe('added');
    expect(await diff.getByTestId('cc-change-phrase-old-note').getAttribute('data-status')).toBe('removed');
    const bye = diff.getByTestId('cc-change-phrase-bye');
    expect(await bye.locator('del').allTextContents()).not.toEqual([]);
    expect((await bye.locator('ins').allTextContents()).join('')).toContain('祝您愉快');
  });

  it('leaves the run started on release 1 on release 1: old wording, no gate', async () => {
    expect(await panel.getByTestId('cc-ack-gate').count()).toBe(0);
    expect(await panel.getByTestId('cc-phrase-bye').textContent()).toContain('感谢来电，再见。');
  });

  it('holds the changed step of a new run until the agent has read the new wording, and remembers it', async () => {
    await panel.getByTestId('cc-new-run').click();
    await panel.getByTestId('cc-start-callback').click();
    await panel.getByTestId('cc-item-greeted').check();
    await panel.getByTestId('cc-next').click();
    await expect.poll(() => currentTitle(panel)).toContain('满意度');
    await panel.getByTestId('cc-next').click();
    const gate = panel.getByTestId('cc-ack-gate');
    await gate.waitFor();
    expect(await panel.getByTestId('cc-phrase-bye').count()).toBe(0);
    expect((await gate.getByTestId('cc-change-phrase-bye').locator('ins').allTextContents()).join('')).toContain('祝您愉快');
    await panel.getByTestId('cc-ack').click();
    await panel.getByTestId('cc-phrase-bye').waitFor();
    expect(await panel.getByTestId('cc-phrase-bye').textContent()).toContain('感谢您的来电，祝您愉快。');

    const { changes } = await background<{ changes: { packId: string; version: number; acked: Record<string, number> }[] }>('packs.updates');
    const acked = changes.find((c) => c.packId === 'acme.team-b' && c.version === 2)?.acked ?? {};
    expect(Object.keys(acked).sort()).toEqual(['callback/bye', 'callback/thanks']);
    expect(acked['callback/bye']).toBeGreaterThan(Date.now() - 60_000);

    await crm.reload();
    panel = await panelFrame(crm, browser.extensionId);
    await panel.getByTestId('cc-phrase-bye').waitFor();
    expect(await panel.getByTestId('cc-ack-gate').count()).toBe(0);
  });
});

describe('refused files: the good release stays in use', () => {
  async function refusedWith(code: string, file: string) {
    served = file;
    await checkNow();
    expect(await sub().getAttribute('data-status')).toBe('refused');
    const error = sub().getByTestId('cc-sub-error');
    expect(await error.getAttribute('data-code')).toBe(code);
    const notice = panel.locator(`[data-testid="cc-pack-refused"][data-code="${code}"]`);
    await notice.waitFor();
    seen[code] = { options: (await error.innerText()).replace(/\n/g, ' | '), panel: (await notice.locator('p').allInnerTexts()).join(' ') };
    // Still release 2, in the options page and for new runs.
    expect(await sub().getByTestId('cc-sub-status').textContent()).toMatch(/acme\.team-b .*2/);
    expect(await panel.getByTestId('cc-new-run').isVisible()).toBe(true);
  }

  it('refuses a release 3 with one byte changed after signing', async () => {
    const file = JSON.parse(await sign(release(3), 3)) as { payload: string };
    const bytes = Buffer.from(file.payload, 'base64');
    bytes[Math.floor(bytes.length / 2)]! ^= 1;
    await refusedWith('bad-signature', JSON.stringify({ ...file, payload: bytes.toString('base64') }));
    expect(seen['bad-signature']!.options).toMatch(/^文件在签名后被改动过 \| The signature does not match/);
    expect(seen['bad-signature']!.panel).toBe('已拒绝一个话术包更新：文件在签名后被改动过。 您继续使用当前版本。');
  });

  it('refuses an expired release', async () => {
    await refusedWith('expired', await sign(release(4), 4, Date.now() - DAY));
    expect(seen.expired!.options).toMatch(/expired on \d{4}-\d\d-\d\d/);
    expect(seen.expired!.panel).toMatch(/^已拒绝一个话术包更新：已过期。/);
  });

  it('refuses release 1 served again (rollback)', async () => {
    await refusedWith('rollback', await sign(teamPack(1), 1));
    expect(seen.rollback!.options).toMatch(/release 1 .* release 2 from that key is already installed/);
    expect(seen.rollback!.panel).toMatch(/^已拒绝一个话术包更新：版本不比已安装的更新。/);
  });

  it('new runs still start on release 2', async () => {
    await panel.getByTestId('cc-new-run').click();
    expect(await panel.getByTestId('cc-pack-of-callback').textContent()).toBe('acme.team-b · 第 2 版');
  });
});

describe('hand imports', () => {
  it('refuses an unsigned file with the reason, and installs a signed one', async () => {
    const input = options.getByTestId('cc-opt-import');
    const unsigned = { ...teamPack(1), id: 'acme.team-c' };
    await input.setInputFiles({ name: 'team-c.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(unsigned)) });
    await expect.poll(() => options.getByTestId('cc-opt-error').textContent()).toMatch(/not signed/);
    seen['unsigned (file import)'] = {
      options: (await options.getByTestId('cc-opt-error').textContent()) ?? '',
      panel: '(none: the agent sees the reason where they imported)',
    };
    await input.setInputFiles({ name: 'team-c.signed.json', mimeType: 'application/json', buffer: Buffer.from(await sign(unsigned, 1)) });
    await options.locator('li', { hasText: 'acme.team-c' }).waitFor();
    expect(await options.getByTestId('cc-opt-error').count()).toBe(0);
  });
});

describe('the run started on release 1', () => {
  it('finishes on release 1, and history records version 1', async () => {
    const { openRuns } = await background<{ openRuns: { id: string; packId: string; packVersion: number }[] }>('state.load');
    const v1Run = openRuns.find((r) => r.packId === 'acme.team-b' && r.packVersion === 1);
    expect(v1Run).toBeDefined();
    await panel.locator('[data-testid="cc-runs"] select').selectOption(v1Run!.id);
    await expect.poll(() => panel.getByTestId('cc-phrase-bye').textContent()).toContain('感谢来电，再见。');
    await panel.getByTestId('cc-finish').click();
    await expect
      .poll(async () => {
        const { runs } = await background<{ runs: { procedureId: string; packId: string; packVersion: number; status: string }[] }>('runs.history', {
          limit: 10,
        });
        return runs.filter((r) => r.packId === 'acme.team-b').map((r) => [r.status, r.packVersion]);
      })
      .toEqual([['finished', 1]]);
  });
});

describe('a release that expires while it is installed', () => {
  it('stays in use, and the panel says it has expired and to ask the team lead', async () => {
    const expiresAt = Date.now() + 3000;
    served = await sign(release(5), 5, expiresAt);
    await checkNow();
    expect(await sub().getAttribute('data-status')).toBe('installed');
    await new Promise((r) => setTimeout(r, Math.max(0, expiresAt - Date.now()) + 200));
    await crm.reload();
    panel = await panelFrame(crm, browser.extensionId);
    const notice = panel.getByTestId('cc-pack-expired');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/（第 5 版）已于 \d{4}-\d\d-\d\d 过期。请联系组长获取新版本/);
    seen['expired while installed'] = { options: '(installed)', panel: (await notice.textContent()) ?? '' };
    await panel.getByTestId('cc-new-run').click();
    // acme.team-c (imported above) has a callback procedure too.
    expect(await panel.getByTestId('cc-pack-of-callback').allTextContents()).toContain('acme.team-b · 第 5 版');
  });
});

describe('cuecard pack preview', () => {
  it('opens Chromium with the demo extension subscribed to the compiled folder', async () => {
    const root = resolve(import.meta.dirname, '../..');
    const io: string[] = [];
    const ctx = { out: (t: string) => void io.push(t), err: (t: string) => void io.push(t), cwd: root, root, color: false, now: () => Date.now() };
    let shown: string | null = null;
    const code = await preview('test/fixtures/packs/basic', ctx, {
      hasDisplay: false,
      headless: true,
      chromiumPath: CHROMIUM,
      untilStopped: async (s) => {
        const frame = await panelFrame(s.browser!.crm, s.browser!.extensionId);
        await frame.getByTestId('cc-start-pre-shift').waitFor();
        shown = await frame.getByTestId('cc-pack-of-pre-shift').textContent();
      },
    });
    expect(code).toBe(0);
    expect(shown).toMatch(/^demo\.basic · (第 2 版|version 2)$/);
    expect(io.join('\n')).toMatch(/Chromium is open with Cuecard subscribed to the pack/);
  });
});
