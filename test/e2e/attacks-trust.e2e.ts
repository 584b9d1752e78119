/**
 * The trust model under attack (issue 10, item 4), in real Chromium with the demo build:
 * - a key the agent was talked into adding, bound to the company's pack id, signs that id at
 *   sequence 2^53−1 and version 9999: the company's later policy-key release still installs and
 *   becomes the release new runs start on; the run already open on v9999 stays on it;
 * - once the company has a release, a key added in this browser is refused for that id;
 * - a key not bound to a pack id is refused, naming the key and the pack;
 * - with unsigned packs allowed, an unsigned v99999 does not replace the signed release.
 * Managed policy comes from the demo build's stand-in (storage.session, see
 * lib/background/pack-config.ts): tests must not write /etc/chromium/policies.
 * What the agent saw for each refusal is printed at the end.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { generateSigningKey, signPack } from '../../lib/pack/sign';
import type { Pack } from '../../lib/pack/schema';
import { teamPack } from '../../lib/distribution/fixtures';
import { startDemoServer } from '../demo/server.mjs';
import { extensionPage, launch, panelFrame, type Browser } from './harness';

type Key = Awaited<ReturnType<typeof generateSigningKey>>;
const MAX = Number.MAX_SAFE_INTEGER; // 2^53 − 1
const served: Record<string, string> = {};
let browser: Browser;
let server: Awaited<ReturnType<typeof startDemoServer>>;
let company: Key;
let rogue: Key;
let rogue2: Key;
let stray: Key;
let options: Page;
let crm: Page;
let panel: Frame;
const seen: Record<string, { options: string; panel: string }> = {};

function packHost(req: IncomingMessage, res: ServerResponse): boolean {
  const name = req.url?.match(/^\/packs\/(\w+)\.json/)?.[1];
  if (!name || served[name] === undefined) return false;
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(served[name]);
  return true;
}
const urlOf = (name: string) => `${server.url}/packs/${name}.json`;
const sub = (name: string) => options.locator(`[data-testid="cc-sub"][data-url="${urlOf(name)}"]`);
const sign = (k: Key, pack: Pack, sequence: number) => signPack(pack, k.privateKey, { sequence, signedAt: Date.now() - 60_000 });
const impostor = (version: number): Pack => ({
  ...teamPack(2),
  version,
  title: { 'zh-CN': '冒充的 B 组话术', en: 'Impostor script' },
});
const genuine = (version: number): Pack => ({ ...teamPack(2), version });

beforeAll(async () => {
  [company, rogue, rogue2, stray] = await Promise.all([generateSigningKey(), generateSigningKey(), generateSigningKey(), generateSigningKey()]);
  server = await startDemoServer({ port: 0, host: '127.0.0.1', extraRoutes: packHost });
  browser = await launch();
  options = await extensionPage(browser, '/options.html#packs');
});
afterAll(async () => {
  console.log(`[attacks-trust.e2e] what the agent saw:\n${JSON.stringify(seen, null, 2)}`);
  await browser?.close();
  await server?.close();
});

/** Adds a key in the options page, as an agent does (the only place trust settings change). */
async function addKey(k: Key, label: string, packIds: string) {
  await options.getByTestId('cc-key-input').fill(k.publicKey);
  await options.getByTestId('cc-key-label').fill(label);
  await options.getByTestId('cc-key-pack-ids').fill(packIds);
  await options.getByTestId('cc-key-add').click();
  await options.locator(`[data-testid="cc-key"][data-key-id="${k.keyId}"]`).waitFor();
}

async function subscribe(name: string) {
  await options.getByTestId('cc-sub-url').fill(urlOf(name));
  await options.getByTestId('cc-sub-add').click();
  await expect.poll(() => sub(name).getAttribute('data-status'), { timeout: 20_000 }).toMatch(/installed|refused|unchanged/);
}

async function checkNow(name: string) {
  const before = await sub(name).getAttribute('data-checked');
  await options.getByTestId('cc-sub-check').click();
  await expect.poll(() => sub(name).getAttribute('data-checked'), { timeout: 20_000 }).not.toBe(before);
}

/** The refusal as the agent sees it: beside the URL in options, and as a notice in the panel. */
async function refusal(name: string, code: string, label: string) {
  expect(await sub(name).getAttribute('data-status')).toBe('refused');
  const error = sub(name).getByTestId('cc-sub-error');
  expect(await error.getAttribute('data-code')).toBe(code);
  const notice = panel.locator(`[data-testid="cc-pack-refused"][data-code="${code}"]`);
  await notice.waitFor();
  seen[label] = { options: (await error.innerText()).replace(/\n/g, ' | '), panel: (await notice.locator('p').allInnerTexts()).join(' ') };
  return seen[label];
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

/** What new runs start on, as the panel's picker shows it. */
async function pickerVersion(): Promise<string | null> {
  if (await panel.getByTestId('cc-new-run').isVisible()) await panel.getByTestId('cc-new-run').click();
  return panel.getByTestId('cc-pack-of-callback').textContent();
}

describe('a rogue key the agent was talked into adding, bound to the company pack id', () => {
  it('signs acme.team-b at sequence 2^53−1 and version 9999, and (no company release yet) gets in', async () => {
    await addKey(rogue, 'IT support (a caller said so)', 'acme.team-b');
    expect(await options.locator(`[data-testid="cc-key"][data-key-id="${rogue.keyId}"]`).getByTestId('cc-key-packs').textContent()).toBe('可签署：acme.team-b');
    served.rogue = await sign(rogue, impostor(9999), MAX);
    await subscribe('rogue');
    expect(await sub('rogue').getAttribute('data-status')).toBe('installed');
    crm = await browser.context.newPage();
    await crm.goto(`${server.url}/index.html`);
    panel = await panelFrame(crm, browser.extensionId);
    await expect.poll(() => panel.getByTestId('cc-pack-of-callback').textContent()).toBe('acme.team-b · 第 9999 版');
    // An agent starts a contact on it: that run is pinned to v9999.
    await panel.getByTestId('cc-start-callback').click();
    await panel.getByTestId('cc-item-greeted').waitFor();
  });

  it('the company policy-key release v4 at sequence 4 still installs and becomes what new runs start on', async () => {
    served.company = await sign(company, genuine(4), 4);
    const policy = { packUrls: [urlOf('company')], trustedKeyBindings: [{ publicKey: company.publicKey, packIds: ['acme.*'] }] };
    const worker = await browser.worker();
    await worker.evaluate(
      (p) =>
        (globalThis as unknown as { chrome: { storage: { session: { set(v: object): Promise<void> } } } }).chrome.storage.session.set({
          'cuecard-demo-managed-policy': p,
        }),
      policy,
    );
    // The policy change itself triggers a check; "Check now" makes the test wait for one.
    await options.reload();
    await sub('company').waitFor();
    await checkNow('company');
    expect(await sub('company').getAttribute('data-status')).toMatch(/^(installed|unchanged)$/);
    expect(await sub('company').getByTestId('cc-sub-status').textContent()).toMatch(/acme\.team-b .*4/);
    expect(await sub('company').textContent()).toContain('由管理员设置');
    const companyKey = options.locator(`[data-testid="cc-key"][data-key-id="${company.keyId}"]`);
    expect(await companyKey.textContent()).toContain('由管理员设置');
    expect(await companyKey.getByTestId('cc-key-packs').textContent()).toBe('可签署：acme.*');
    await expect.poll(() => pickerVersion()).toBe('acme.team-b · 第 4 版');
    // The run already open on v9999 keeps its version: a pinned run never changes under the agent.
    const { openRuns, packMeta } = await background<{ openRuns: { packId: string; packVersion: number }[]; packMeta: { id: string; version: number }[] }>(
      'state.load',
    );
    expect(openRuns.filter((r) => r.packId === 'acme.team-b').map((r) => r.packVersion)).toEqual([9999]);
    expect(packMeta.find((m) => m.id === 'acme.team-b')?.version).toBe(4);
  });

  it('the rogue key cannot go on: its own counter is at 2^53−1', async () => {
    served.rogue = await sign(rogue, impostor(10_000), MAX);
    await checkNow('rogue');
    const shown = await refusal('rogue', 'rollback', 'rogue key, again at 2^53−1');
    expect(shown.options).toContain(`from key ${rogue.keyId}, but release ${MAX} from that key is already installed`);
  });

  it('another key added in this browser cannot replace the company release, and the agent is told why', async () => {
    await addKey(rogue2, 'second caller', 'acme.*');
    served.rogue2 = await sign(rogue2, impostor(10_001), 1);
    await subscribe('rogue2');
    const shown = await refusal('rogue2', 'outranked', 'agent key after a policy release');
    expect(shown.options).toMatch(
      /^已安装贵单位公钥签名的版本，本机添加的公钥不能替换它 \| Pack "acme\.team-b" has a release signed by a key your organisation set by policy; key [0-9a-f]{16}, added in this browser, cannot replace it/,
    );
    expect(shown.panel).toBe('已拒绝一个话术包更新：已安装贵单位公钥签名的版本，本机添加的公钥不能替换它。 您继续使用当前版本。');
    expect(await pickerVersion()).toBe('acme.team-b · 第 4 版');
  });

  it('the company goes on with its own sequence: v5 at sequence 5 installs', async () => {
    served.company = await sign(company, genuine(5), 5);
    await checkNow('company');
    expect(await sub('company').getAttribute('data-status')).toBe('installed');
    await expect.poll(() => pickerVersion()).toBe('acme.team-b · 第 5 版');
  });
});

describe('a key not bound to the pack id', () => {
  it('is refused, naming the key and the pack, in options and in the panel', async () => {
    await addKey(stray, 'Team C lead', 'other.*');
    const teamC = { ...teamPack(1), id: 'acme.team-c' };
    served.stray = await sign(stray, teamC, 1);
    await subscribe('stray');
    const shown = await refusal('stray', 'key-not-bound', 'key not bound to the pack id');
    expect(shown.options).toBe(
      `签名公钥无权签署这个话术包 | Key ${stray.keyId} signed pack "acme.team-c", but it may sign only "other.*". If your team lead really publishes "acme.team-c" with this key, add the pack id to the key in Cuecard's options.`,
    );
    expect(shown.panel).toBe('已拒绝一个话术包更新：签名公钥无权签署这个话术包。 您继续使用当前版本。');
    const { packMeta } = await background<{ packMeta: { id: string }[] }>('state.load');
    expect(packMeta.map((m) => m.id)).not.toContain('acme.team-c');
  });

  it('the options page refuses a key without pack ids, in the page language, beside the field', async () => {
    const error = options.getByTestId('cc-key-pack-ids-error');
    await options.getByTestId('cc-key-input').fill(stray.publicKey);
    await options.getByTestId('cc-key-pack-ids').fill('');
    await options.getByTestId('cc-key-add').click();
    await expect.poll(() => error.textContent()).toBe('请填写这把公钥可以签署的话术包 ID，例如 acme.team-b 或 acme.*。');
    await options.getByTestId('cc-key-pack-ids').fill('*');
    await options.getByTestId('cc-key-add').click();
    await expect.poll(() => error.textContent()).toBe('“*”（任何话术包）只能由管理员设置：请填写具体的话术包 ID 或命名空间。');
    expect(await options.getByTestId('cc-key-pack-ids').getAttribute('aria-invalid')).toBe('true');
    seen['key added with "*"'] = { options: (await error.textContent()) ?? '', panel: '(nothing saved)' };
    // Nothing was saved: the key still signs only "other.*".
    expect(await options.locator(`[data-testid="cc-key"][data-key-id="${stray.keyId}"]`).getByTestId('cc-key-packs').textContent()).toBe('可签署：other.*');
  });
});

describe('unsigned packs allowed', () => {
  it('an unsigned higher version does not replace the signed release', async () => {
    await options.getByTestId('cc-allow-unsigned').check();
    await options.locator('[data-testid="cc-allow-unsigned"]:checked').waitFor();
    served.unsigned = JSON.stringify(impostor(99_999));
    await subscribe('unsigned');
    const shown = await refusal('unsigned', 'signed-installed', 'unsigned v99999 over a signed release');
    expect(shown.options).toBe(
      '已安装已签名的版本，未签名的文件不能替换它 | Pack "acme.team-b" has a signed release installed; an unsigned file never replaces a signed release, whatever its version.',
    );
    expect(await pickerVersion()).toBe('acme.team-b · 第 5 版');
  });

  it('is still taken for a pack id with no signed release', async () => {
    served.solo = JSON.stringify({ ...teamPack(1), id: 'acme.solo' });
    await subscribe('solo');
    expect(await sub('solo').getAttribute('data-status')).toBe('installed');
  });
});
