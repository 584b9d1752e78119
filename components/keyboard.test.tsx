// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import { KEYMAP } from './panel-shortcuts';
import { mountApp, type Harness } from './test-fixtures';

let ui: Harness;
afterEach(() => {
  ui?.unmount();
  vi.useRealTimers();
});

const text = (el: Element | null) => el?.textContent ?? '';
const alt = (code: string, shiftKey = false) => ({ code, key: code.slice(-1).toLowerCase(), altKey: true, shiftKey });

describe('keyboard', () => {
  it('moves with Alt+N and Alt+B, explaining a refused Alt+N', async () => {
    ui = await mountApp();
    await ui.click(ui.$('cc-start-inbound-phone'));
    await ui.key(alt('KeyN'));
    expect(text(ui.$('cc-blocked'))).toContain('Greeted the customer');
    const box = ui.$('cc-item-greeted') as HTMLInputElement;
    await ui.key({ key: 'Enter' }, box);
    expect(box.checked).toBe(true);
    await ui.key(alt('KeyN'));
    expect(text(ui.$('cc-step-title'))).toBe('Verify identity');
    await ui.key(alt('KeyB'));
    expect(text(ui.$('cc-step-title'))).toBe('Greet');
  });

  it('starts a new contact and cycles open ones with Alt+R', async () => {
    ui = await mountApp();
    await ui.click(ui.$('cc-start-inbound-phone'));
    await ui.key(alt('KeyN', true));
    expect(ui.$('cc-step-title')).toBeNull();
    await ui.click(ui.$('cc-start-preshift'));
    expect(text(ui.$('cc-step-title'))).toBe('Desk');
    expect(ui.$('cc-runs')!.querySelectorAll('option')).toHaveLength(2);
    await ui.key(alt('KeyR'));
    expect(text(ui.$('cc-step-title'))).toBe('Greet');
    await ui.key(alt('KeyR'));
    expect(text(ui.$('cc-step-title'))).toBe('Desk');
  });

  it('opens help with ? (not while typing) and closes it with Esc', async () => {
    ui = await mountApp();
    await ui.click(ui.$('cc-start-inbound-phone'));
    const label = ui.container.querySelector('.cc-label-input')!;
    await ui.key({ key: '?' }, label);
    expect(ui.$('cc-help')).toBeNull();
    await ui.key({ key: '?' });
    const help = ui.$('cc-help')!;
    for (const k of KEYMAP) expect(text(help)).toContain(k.keys);
    await ui.key({ key: 'Escape' });
    expect(ui.$('cc-help')).toBeNull();
  });

  it('collapses with Alt+Shift+K', async () => {
    ui = await mountApp();
    await ui.key(alt('KeyK', true));
    expect(ui.$('cc-tab')).not.toBeNull();
    expect(ui.actions.log).toEqual(['setOpen:false']);
  });

  it('counts down a timed step: amber from 80%, red when over', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(1_700_000_000_000);
    ui = await mountApp();
    await ui.click(ui.$('cc-start-inbound-phone'));
    // The fake store clock stamped the visit; count from it.
    const enteredAt = ui.store.getState().runs['run-1']!.path[0]!.at;
    vi.setSystemTime(enteredAt);
    await act(async () => void vi.advanceTimersByTime(1000));
    expect(text(ui.$('cc-timer'))).toBe('0:14 left');
    await act(async () => void vi.advanceTimersByTime(11_000));
    expect(ui.$('cc-timer')!.dataset.tone).toBe('warn');
    await act(async () => void vi.advanceTimersByTime(5_000));
    expect(ui.$('cc-timer')!.dataset.tone).toBe('over');
    expect(text(ui.$('cc-timer'))).toBe('0:02 over time');
  });
});
