/**
 * Privacy and settings in real Chromium with the built demo extension: a run's label (customer
 * data) reaches no follow-up title, OS notification or export; a damaged settings record keeps
 * every valid field through a patch.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extensionPage } from './harness';
import { procedure, startProcedure } from './flows';
import { sendFrom, shown, storageKit, type StoredRun } from './storage-kit';

/** Extension APIs called inside the service worker (declared here: evaluated there, not in Node). */
declare const chrome: {
  storage: { session: { get(keys: null): Promise<Record<string, unknown>> } };
  notifications: { create(...args: unknown[]): unknown };
};

const kit = storageKit();
const { open, db } = kit;
const inbound = procedure('inbound-phone');

describe('run labels stay out of follow-ups, notifications and exports', () => {
  it('no label text reaches a follow-up title, an OS notification or an export', async () => {
    const LABEL = 'Wang Xiaoming 13912345678';
    const worker = await kit.browser.worker();
    // Record what the background asks the OS to show.
    await worker.evaluate(() => {
      const g = globalThis as unknown as { shownNotes: unknown[] };
      g.shownNotes = [];
      const create = chrome.notifications.create.bind(chrome.notifications);
      chrome.notifications.create = (...args: unknown[]) => (g.shownNotes.push(args[1] ?? args[0]), create(...args));
    });
    const { page, panel } = await open();
    await startProcedure(panel, inbound.id, 'phone');
    await panel.getByTestId('cc-label').fill(LABEL);
    await panel.getByTestId('cc-label').press('Enter');
    await panel.getByTestId('cc-label').blur();
    await expect.poll(() => panel.locator('[data-testid="cc-runs"] select option:checked').textContent()).toContain('Wang');
    const id = await shown(panel);
    await expect.poll(async () => (await db<StoredRun>('runs', id))?.rev).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(await db<StoredRun>('runs', id))).not.toContain('Wang'); // not on disk

    // A follow-up due in about a second: its prefilled title and its notification carry no label.
    await panel.getByTestId('cc-followups-toggle').click();
    const title = await panel.getByTestId('cc-followup-title').inputValue();
    expect(title).not.toContain('Wang');
    expect(title).toContain(inbound.title['zh-CN']);
    await panel.getByTestId('cc-followup-amount').fill('0.02');
    await panel.getByTestId('cc-followup-add').click();
    const notes = () => worker.evaluate(() => (globalThis as unknown as { shownNotes: Array<{ message: string; title: string }> }).shownNotes);
    await expect.poll(notes, { timeout: 15_000 }).toHaveLength(1);
    expect(JSON.stringify(await notes())).not.toMatch(/Wang|1391/);

    // The save-error escape hatch exports the runs: without the label.
    await worker.evaluate(() => (globalThis as unknown as { __cuecardFaults: { failWrites(n: number): void } }).__cuecardFaults.failWrites(100));
    await panel.getByTestId('cc-next').click();
    await panel.getByTestId('cc-save-export').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('cc-save-export').click()]);
    const exported = readFileSync((await download.path())!, 'utf8');
    expect(exported).toContain(id);
    expect(exported).not.toMatch(/Wang|1391/);
    await worker.evaluate(() => (globalThis as unknown as { __cuecardFaults: { failWrites(n: number): void } }).__cuecardFaults.failWrites(0));
    await page.close();
  });
});

describe('settings are parsed field by field', () => {
  it('a stored record with an unknown key, an invalid site pattern and a wrong-typed field keeps every valid field through a patch', async () => {
    const held = await db<{ key: string; value: Record<string, unknown> }>('kv', 'settings');
    const damaged = {
      ...held.value,
      profile: { company: 'ACME', agentId: '7', name: 'Li' },
      sites: ['https://crm.example.com/*', 'crm.example.com'],
      panelWidth: 'wide',
      aKeyFromAnotherVersion: 1,
    };
    await db('kv', 'settings', { key: 'settings', value: damaged });
    const options = await extensionPage(kit.browser);
    type Reply = { ok: true; data: { settings: Record<string, unknown> } };
    const loaded = await sendFrom<Reply>(options.mainFrame(), 'state.load', {});
    expect(loaded.data.settings).toMatchObject({ profile: damaged.profile, sites: ['https://crm.example.com/*'], panelWidth: 360 });
    const patched = await sendFrom<Reply>(options.mainFrame(), 'settings.patch', { patch: { mode: 'experienced' } });
    expect(patched.data.settings).toMatchObject({ mode: 'experienced', profile: damaged.profile, sites: ['https://crm.example.com/*'] });
    // Stored: the patched field changed, everything else exactly as it was (nothing reset, nothing dropped).
    expect((await db<{ value: unknown }>('kv', 'settings')).value).toEqual({ ...damaged, mode: 'experienced' });
    await db('kv', 'settings', held);
    await options.close();
  });
});
