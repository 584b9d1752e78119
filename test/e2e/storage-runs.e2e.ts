/**
 * Runs in real Chromium with the built demo extension: two tabs writing one run keep the
 * higher revision (and the losing panel shows what the background kept), the active contact
 * is per tab, and deleting a run deletes its follow-ups after saying how many.
 */
import { describe, expect, it } from 'vitest';
import { panelFrame } from './harness';
import { procedure, startProcedure, step, tickRequired } from './flows';
import { sendFrom, shown, storageKit, type StoredRun } from './storage-kit';

/** Extension APIs called inside the service worker (declared here: evaluated there, not in Node). */
declare const chrome: {
  storage: { session: { get(keys: null): Promise<Record<string, unknown>> } };
  notifications: { create(...args: unknown[]): unknown };
};

const kit = storageKit();
const { open, db, count } = kit;
const inbound = procedure('inbound-phone');
const greet = step(inbound, inbound.start);
const verify = step(inbound, greet.next!);
const listen = step(inbound, verify.next!);

describe('two tabs writing the same run concurrently keep the higher revision', () => {
  it('refuses a lower or equal revision in whatever order the writes land, and says which one won', async () => {
    const a = await open();
    await startProcedure(a.panel, inbound.id, 'phone');
    await expect.poll(() => shown(a.panel)).not.toBe('');
    const id = await shown(a.panel);
    const b = await open(); // a new tab opens on the most recent contact: the same run
    await expect.poll(() => shown(b.panel)).toBe(id);
    await expect.poll(async () => (await db<StoredRun>('runs', id))?.rev).toBe(0);
    const base = await db<StoredRun>('runs', id);
    const high = { ...base, rev: 7, ticks: { [verify.checklist![0]!.id]: 7 } };
    const low = { ...base, rev: 6, ticks: { [listen.checklist![0]!.id]: 6 } };

    // Both tabs at once, then the lower one again last: the stored run stays the higher one.
    const [ra, rb] = await Promise.all([sendFrom(a.panel, 'run.put', { run: high }), sendFrom(b.panel, 'run.put', { run: low })]);
    const late = await sendFrom<{ ok: true; data: { saved: boolean; run: StoredRun } }>(b.panel, 'run.put', { run: low });
    expect((await db<StoredRun>('runs', id)).rev).toBe(7);
    expect(late.data.saved).toBe(false);
    expect(late.data.run.rev).toBe(7);
    expect(late.data.run.ticks).toEqual(high.ticks);
    expect([ra, rb].map((r) => (r as { ok: boolean }).ok)).toEqual([true, true]);
    const equal = await sendFrom<{ data: { saved: boolean } }>(a.panel, 'run.put', { run: { ...high, ticks: {} } });
    expect(equal.data.saved).toBe(false);
    expect((await db<StoredRun>('runs', id)).ticks).toEqual(high.ticks);
    await a.page.close();
    await b.page.close();
  });

  it('a panel whose write loses shows the run the background kept', async () => {
    const { page, panel } = await open();
    await startProcedure(panel, inbound.id, 'phone');
    await expect.poll(() => shown(panel)).not.toBe('');
    const id = await shown(panel);
    await panel.getByTestId('cc-next').click(); // greet → verify identity, rev 1
    await expect.poll(async () => (await db<StoredRun>('runs', id))?.rev).toBe(1);
    // Another tab's newer write, stored without this panel hearing of it (its push was lost):
    // identity verified and on to the next step, at rev 9.
    const stored = await db<StoredRun & { path: Array<{ stepId: string; at: number }> }>('runs', id);
    const item = verify.checklist![0]!.id;
    await db('runs', id, { ...stored, rev: 9, ticks: { [item]: 1 }, path: [...stored.path, { stepId: listen.id, at: Date.now() }] });
    // This panel, behind, ticks at its step: rev 2 loses to rev 9, and the panel adopts rev 9.
    await panel.getByTestId(`cc-item-${item}`).click(); // not check(): the box is gone once the panel adopts rev 9
    await expect.poll(() => panel.getByTestId('cc-step-title').textContent()).toContain(listen.title['zh-CN']);
    expect((await db<StoredRun>('runs', id)).rev).toBe(9);
    await page.close();
  });
});

describe('the active contact is per tab', () => {
  it('switching contact in one tab leaves the other tab on its own; new tabs open on the most recent', async () => {
    const a = await open();
    await startProcedure(a.panel, inbound.id, 'phone');
    await expect.poll(() => shown(a.panel)).not.toBe('');
    const first = await shown(a.panel);
    const b = await open();
    await expect.poll(() => shown(b.panel)).toBe(first);
    await startProcedure(b.panel, 'inbound-online', 'online');
    await expect.poll(() => shown(b.panel)).not.toBe(first);
    const second = await shown(b.panel);
    // Tab A did not follow B, not even after a reload.
    expect(await shown(a.panel)).toBe(first);
    await a.page.reload();
    const again = await panelFrame(a.page, kit.browser.extensionId);
    await expect.poll(() => shown(again)).toBe(first);
    // A new tab opens on the agent's most recent contact.
    const c = await open();
    await expect.poll(() => shown(c.panel)).toBe(second);
    // Closing a tab forgets its choice.
    const worker = await kit.browser.worker();
    const keys = () => worker.evaluate(async () => Object.keys(await chrome.storage.session.get(null)).filter((k) => k.startsWith('activeRun:')).length);
    const before = await keys();
    await b.page.close();
    await expect.poll(keys).toBe(before - 1);
    await a.page.close();
    await c.page.close();
  });
});

describe('deleting a run deletes what it owns', () => {
  it('History says how many follow-ups go with it, and deletes them with the run once confirmed', async () => {
    const { page, panel } = await open();
    const shift = procedure('shift-prep');
    await startProcedure(panel, shift.id);
    await expect.poll(() => shown(panel)).not.toBe('');
    const id = await shown(panel);
    await panel.getByTestId('cc-followups-toggle').click();
    await panel.getByTestId('cc-followup-amount').fill('60');
    await panel.getByTestId('cc-followup-add').click();
    const followUps = await count('followups');
    for (const s of shift.steps) {
      await panel.getByTestId('cc-step-title').filter({ hasText: s.title['zh-CN'] }).waitFor();
      await tickRequired(panel, s);
      await panel.getByTestId(s.next ? 'cc-next' : 'cc-finish').click();
    }
    await expect.poll(async () => (await db<{ status: string }>('runs', id))?.status).toBe('finished');

    await panel.getByTestId('cc-history-open').click();
    await panel.getByTestId(`cc-history-delete-${id}`).click();
    await expect.poll(() => panel.getByTestId(`cc-history-confirm-${id}`).textContent()).toContain('1 项跟进事项');
    expect(await db('runs', id)).toBeDefined(); // asked, not yet deleted
    await panel.getByTestId(`cc-history-confirm-delete-${id}`).click();
    await panel.getByTestId(`cc-history-${id}`).waitFor({ state: 'detached' });
    expect(await db('runs', id)).toBeUndefined();
    expect(await count('followups')).toBe(followUps - 1);
    await page.close();
  });
});
