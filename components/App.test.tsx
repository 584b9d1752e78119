// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { act } from 'preact/test-utils';
import { PackSchema } from '@/lib/pack/schema';
import { fixturePack, mountApp, type Harness } from './test-fixtures';

let ui: Harness;
afterEach(() => ui?.unmount());

const text = (el: Element | null) => el?.textContent ?? '';

async function startInbound(settings = {}) {
  ui = await mountApp(settings);
  await ui.click(ui.$('cc-start-inbound-phone'));
  return ui;
}

describe('App', () => {
  it('uses a fixture pack that the real schema accepts', () => {
    expect(v.safeParse(PackSchema, fixturePack).success).toBe(true);
  });

  it('lists procedures by kind and starts one on the chosen channel', async () => {
    ui = await mountApp();
    expect(text(ui.container)).toContain('Shift checklists');
    expect(ui.$('cc-start-preshift')).not.toBeNull();
    expect(ui.$('cc-start-inbound')).toBeNull();
    await ui.click(ui.$('cc-start-inbound-phone'));
    expect(text(ui.$('cc-step-title'))).toBe('Greet');
    expect(ui.$('cc-steplist-greet')?.dataset.status).toBe('current');
    expect(text(ui.container)).toContain('SOP 2.1');
    const run = Object.values(ui.store.getState().runs)[0];
    expect(run?.channel).toBe('phone');
    expect(ui.calls.some((c) => c.type === 'run.put')).toBe(true);
  });

  it('explains a refused Next and enables it once the required item is ticked', async () => {
    await startInbound();
    const next = ui.$('cc-next')!;
    expect(next.getAttribute('aria-disabled')).toBe('true');
    await ui.click(next);
    expect(text(ui.$('cc-blocked'))).toBe('Still to do: Greeted the customer');
    expect(text(ui.$('cc-step-title'))).toBe('Greet');

    await ui.click(ui.$('cc-item-greeted'));
    expect((ui.$('cc-item-greeted') as HTMLInputElement).checked).toBe(true);
    expect(ui.$('cc-blocked')).toBeNull();
    expect(ui.$('cc-next')!.getAttribute('aria-disabled')).toBeNull();
    await ui.click(ui.$('cc-next'));
    expect(text(ui.$('cc-step-title'))).toBe('Verify identity');
    expect(ui.$('cc-steplist-greet')?.dataset.status).toBe('done');
  });

  it('locks identity-gated choices until verified, then branches', async () => {
    await startInbound();
    await ui.click(ui.$('cc-item-greeted'));
    await ui.click(ui.$('cc-next'));
    await ui.click(ui.$('cc-next')); // verification is optional here: skip past it
    expect(text(ui.$('cc-step-title'))).toBe('Need type');
    await ui.click(ui.$('cc-next'));
    expect(text(ui.$('cc-blocked'))).toBe('Choose the need type first');

    const billing = ui.$('cc-choice-billing')!;
    expect(billing.dataset.locked).toBe('true');
    expect(billing.querySelector('.cc-icon--lock')).not.toBeNull();
    await ui.click(billing);
    expect(text(ui.$('cc-blocked'))).toBe("Verify the customer's identity first (2.2)");

    await ui.click(ui.$('cc-steplist-verify')!.querySelector('button'));
    expect(text(ui.$('cc-step-title'))).toBe('Verify identity');
    await ui.click(ui.$('cc-item-id-checked'));
    await ui.click(ui.$('cc-next'));
    expect(ui.$('cc-choice-billing')!.dataset.locked).toBeUndefined();
    await ui.click(ui.$('cc-choice-billing'));
    expect(text(ui.$('cc-step-title'))).toBe('Look up the bill');
    expect(text(ui.container)).toContain('Addition');
  });

  it('takes the other branch to the end and finishes', async () => {
    await startInbound();
    await ui.click(ui.$('cc-item-greeted'));
    await ui.click(ui.$('cc-next'));
    await ui.click(ui.$('cc-next'));
    await ui.click(ui.$('cc-choice-info'));
    expect(text(ui.$('cc-step-title'))).toBe('Wrap up');
    expect(ui.$('cc-next')).toBeNull();
    await ui.click(ui.$('cc-item-survey'));
    await ui.click(ui.$('cc-finish'));
    expect(Object.keys(ui.store.getState().runs)).toHaveLength(0);
    expect(ui.$('cc-start-inbound-phone')).not.toBeNull();
  });

  it('lets an experienced agent skip a required item with a reason, and undo it', async () => {
    await startInbound({ mode: 'experienced' });
    await ui.click(ui.$('cc-skip-greeted'));
    const reason = ui.$('cc-skip-reason-greeted') as HTMLInputElement;
    reason.value = 'caller in a hurry';
    await ui.key({ key: 'Enter' }, reason);
    expect(text(ui.container)).toContain('Skipped: caller in a hurry');
    expect(ui.$('cc-next')!.getAttribute('aria-disabled')).toBeNull();
    await ui.click([...ui.container.querySelectorAll('button')].find((b) => b.textContent === 'Undo') ?? null);
    expect(text(ui.container)).not.toContain('Skipped:');
    expect(ui.$('cc-next')!.getAttribute('aria-disabled')).toBe('true');
  });

  it('offers no skip to a new hire, and Esc cancels a skip in progress', async () => {
    await startInbound();
    expect(ui.$('cc-skip-greeted')).toBeNull();
    await act(async () => ui.store.getState().patchSettings({ mode: 'experienced' }));
    await ui.click(ui.$('cc-skip-greeted'));
    await ui.key({ key: 'Escape' }, ui.$('cc-skip-reason-greeted')!);
    expect(ui.$('cc-skip-reason-greeted')).toBeNull();
    expect(ui.$('cc-skip-greeted')).not.toBeNull();
  });

  it('renders only the tab when collapsed, and reopens from it', async () => {
    ui = await mountApp({ panelOpen: false });
    expect(ui.$('cc-tab')).not.toBeNull();
    expect(ui.$('cc-panel')).toBeNull();
    expect(ui.container.querySelectorAll('button')).toHaveLength(1);
    await ui.click(ui.$('cc-tab'));
    expect(ui.actions.log).toContain('setOpen:true');
    expect(ui.$('cc-panel')).not.toBeNull();
    await ui.click(ui.$('cc-collapse'));
    expect(ui.actions.log).toContain('setOpen:false');
    expect(ui.$('cc-panel')).toBeNull();
  });

  it('switches UI language with the setting', async () => {
    await startInbound();
    expect(text(ui.$('cc-next'))).toBe('Next');
    await act(async () => ui.store.getState().patchSettings({ lang: 'zh-CN' }));
    expect(text(ui.$('cc-next'))).toBe('下一步');
    expect(text(ui.$('cc-step-title'))).toBe('问候');
    expect(text(ui.container)).toContain('必做');
  });

  it('shows a save-error banner when a write fails, and Retry re-sends', async () => {
    ui = await mountApp();
    ui.backend.failPuts = true;
    await ui.click(ui.$('cc-start-inbound-phone'));
    await act(async () => new Promise((r) => setTimeout(r, 0)));
    expect(text(ui.$('cc-save-error'))).toContain('Not saved yet');
    expect(text(ui.$('cc-step-title'))).toBe('Greet');

    const puts = () => ui.calls.filter((c) => c.type === 'run.put').length;
    const before = puts();
    ui.backend.failPuts = false;
    const retry = [...ui.$('cc-save-error')!.querySelectorAll('button')].find((b) => b.textContent === 'Retry');
    await ui.click(retry ?? null);
    await act(async () => new Promise((r) => setTimeout(r, 0)));
    expect(puts()).toBeGreaterThan(before);
    expect(ui.$('cc-save-error')).toBeNull();
  });
});
