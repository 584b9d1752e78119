/**
 * The genuine panel's session (issue #10, items 1 and 4): a panel cannot change what Cuecard
 * trusts — trusted keys, unsigned packs, subscriptions, sites are the options page's — and its
 * ticket binding survives what the agent's day brings: the service worker stopping, the page
 * sweeping the panel's host away (our re-mount brings a new ticket) and a reload of the panel.
 */
import { describe, expect, it } from 'vitest';
import type { Frame } from 'playwright-core';
import { faultKit, title } from './faults-kit';
import { currentTitle } from './flows';
import { panelFrame } from './harness';
import { requestsFrom } from './attack-kit';

const kit = faultKit();
const { open, startShift, storedRun, storedTicks, fromDb, stopWorker } = kit;
type Stored = { value: Record<string, unknown> };
const trustOf = async () => {
  const s = (await fromDb<Stored>('kv', 'settings')).value;
  return { allowUnsigned: s.allowUnsigned, trustedKeys: s.trustedKeys, subscriptions: s.subscriptions, sites: s.sites, profile: s.profile };
};
const KEY = { label: 'rogue', publicKey: 'MCowBQYDK2VwAyEA' + 'A'.repeat(43) + '=' };

describe('trust settings from a panel', () => {
  it('are refused with a clear error and nothing changes; the options page may still change them', async () => {
    const { page, panel } = await open();
    await startShift(panel);
    const before = await trustOf();
    const trust = { allowUnsigned: true, trustedKeys: [KEY], subscriptions: [{ url: 'https://evil.example/pack.json' }], sites: ['https://evil.example/*'] };
    const replies = await requestsFrom(panel, [
      ['settings.patch', { patch: trust }],
      ['settings.patch', { patch: { allowUnsigned: true } }],
      ['prefs.patch', { patch: { allowUnsigned: true } }],
      ['prefs.patch', { patch: { trustedKeys: [KEY] } }],
      ['prefs.patch', { patch: { sites: ['https://evil.example/*'] } }],
      ['pack.import', { text: '{}' }],
      ['subscriptions.check', {}],
    ]);
    expect(replies.slice(0, 2)).toEqual([
      { ok: false, error: 'Message refused: "settings.patch" may not be sent from the panel.' },
      { ok: false, error: 'Message refused: "settings.patch" may not be sent from the panel.' },
    ]);
    expect(replies[2]).toEqual({ ok: false, error: expect.stringMatching(/^Message "prefs.patch" is invalid: patch.allowUnsigned: Invalid key/) });
    expect(replies[3]).toEqual({ ok: false, error: expect.stringMatching(/^Message "prefs.patch" is invalid: patch.trustedKeys: Invalid key/) });
    expect(replies[4]).toEqual({ ok: false, error: expect.stringMatching(/^Message "prefs.patch" is invalid: patch.sites: Invalid key/) });
    expect(replies.slice(5)).toEqual([
      { ok: false, error: 'Message refused: "pack.import" may not be sent from the panel.' },
      { ok: false, error: 'Message refused: "subscriptions.check" may not be sent from the panel.' },
    ]);
    expect(await trustOf()).toEqual(before);
    // The panel's own preferences still go through.
    expect((await requestsFrom(panel, [['prefs.patch', { patch: { panelWidth: 400 } }]]))[0]).toMatchObject({ ok: true });
    await expect.poll(async () => (await fromDb<Stored>('kv', 'settings')).value.panelWidth).toBe(400);
    // Control: the same change from the options page is taken (so the refusal above is the sender check).
    const options = await kit.browser.context.newPage();
    await options.goto(`chrome-extension://${kit.browser.extensionId}/options.html`);
    expect((await requestsFrom(options.mainFrame(), [['settings.patch', { patch: { allowUnsigned: true } }]]))[0]).toMatchObject({ ok: true });
    expect((await trustOf()).allowUnsigned).toBe(true);
    await requestsFrom(options.mainFrame(), [['settings.patch', { patch: { allowUnsigned: false, panelWidth: 360 } }]]);
    await options.close();
    await page.close();
  });
});

async function tickNext(panel: Frame, id: string, runId: string) {
  await panel.getByTestId(`cc-item-${id}`).check();
  await expect.poll(() => storedTicks(runId)).toContain(id);
}

describe('the genuine panel keeps its session', () => {
  it('after a service-worker restart, after the page removes its host, and after a reload', async () => {
    const { page, panel } = await open();
    const runId = await startShift(panel);
    await tickNext(panel, 'workspace-tidy', runId);

    await stopWorker({ untilRestarted: true });
    await tickNext(panel, 'equipment-working', runId);
    await panel.getByTestId('cc-next').click();
    await expect.poll(async () => (await storedRun(runId))?.path.length).toBe(2);

    // The page sweeps the host away: the re-attached frame is a new frame, with a new ticket.
    const oldTicket = new URL(panel.url()).hash;
    await page.evaluate(() => document.querySelector('cuecard-panel')?.remove());
    await expect.poll(() => panel.isDetached()).toBe(true);
    const remounted = await panelFrame(page, kit.browser.extensionId);
    expect(new URL(remounted.url()).hash).toMatch(/^#[0-9a-f]{64}$/);
    expect(new URL(remounted.url()).hash).not.toBe(oldTicket);
    await expect.poll(() => currentTitle(remounted)).toContain(title('mindset'));
    await tickNext(remounted, 'mindset-ready', runId);

    // A reload of the panel (same frame, new document) claims its ticket again.
    type Marked = { beforeReload?: boolean };
    await remounted.evaluate(() => ((globalThis as Marked).beforeReload = true));
    await remounted.evaluate(() => location.reload());
    await expect.poll(() => remounted.evaluate(() => (globalThis as Marked).beforeReload ?? false).catch(() => true)).toBe(false);
    await expect
      .poll(() =>
        remounted
          .locator('[data-testid="cc-step-title"]')
          .textContent()
          .catch(() => ''),
      )
      .toContain(title('mindset'));
    await remounted.getByTestId('cc-next').click();
    await expect.poll(async () => (await storedRun(runId))?.path.length).toBe(3);
    expect(await remounted.locator('[data-testid="cc-unavailable"]').count()).toBe(0);
    await page.close();
  });
});
