// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import { fixturePack, mountApp, type Harness } from './test-fixtures';
import { toneAt } from './Countdown';

let ui: Harness;
afterEach(() => {
  ui?.unmount();
  vi.useRealTimers();
});

const text = (el: Element | null) => el?.textContent ?? '';
const tick = (ms: number) => act(async () => void vi.advanceTimersByTime(ms));

describe('toneAt', () => {
  it('is amber from 80% of the limit and red only past it', () => {
    expect(toneAt(0, 100)).toBe('ok');
    expect(toneAt(79.9, 100)).toBe('ok');
    expect(toneAt(80, 100)).toBe('warn');
    expect(toneAt(100, 100)).toBe('warn');
    expect(toneAt(100.5, 100)).toBe('over');
  });
});

describe('countdowns', () => {
  it('announce a step running out once, when it turns amber — not again when over', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(1_700_000_000_000);
    ui = await mountApp();
    await ui.click(ui.$('cc-start-inbound-phone'));
    vi.setSystemTime(ui.store.getState().runs['run-1']!.path[0]!.at);
    const announce = () => text(ui.$('cc-timer-announce'));
    await tick(1000);
    expect(ui.$('cc-timer')!.dataset.tone).toBe('ok');
    expect(announce()).toBe('');
    await tick(11_000); // 12 of 15 s: 80%
    expect(ui.$('cc-timer')!.dataset.tone).toBe('warn');
    expect(announce()).toBe('Step time almost up: 0:03 left');
    expect(ui.$('cc-timer-announce')!.getAttribute('aria-live')).toBe('polite');
    await tick(5_000);
    expect(ui.$('cc-timer')!.dataset.tone).toBe('over');
    expect(announce()).toBe('Step time almost up: 0:03 left');
  });

  it('say nothing when a step is shown already late (a reload must not repeat the warning)', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(1_700_000_000_000);
    ui = await mountApp();
    await ui.click(ui.$('cc-start-inbound-phone'));
    const enteredAt = ui.store.getState().runs['run-1']!.path[0]!.at;
    ui.unmount();
    vi.setSystemTime(enteredAt + 60_000);
    // A fresh panel on the same run, a minute in.
    const run = ui.store.getState().runs['run-1']!;
    ui = await mountApp({ activeRunId: run.id });
    await act(async () => ui.store.setState((s) => ({ runs: { ...s.runs, [run.id]: run } })));
    await tick(1000);
    expect(ui.$('cc-timer')!.dataset.tone).toBe('over');
    expect(text(ui.$('cc-timer-announce'))).toBe('');
  });

  it('show a timed procedure in the header, counted from the start of the run', async () => {
    const inbound = fixturePack.procedures[1]!;
    inbound.timeLimitSec = 100;
    try {
      vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
      vi.setSystemTime(1_700_000_000_000);
      ui = await mountApp();
      expect(ui.$('cc-proc-timer')).toBeNull();
      await ui.click(ui.$('cc-start-inbound-phone'));
      vi.setSystemTime(ui.store.getState().runs['run-1']!.createdAt);
      await tick(1000);
      const timer = ui.$('cc-proc-timer')!;
      expect(timer.closest('header')).not.toBeNull();
      expect(text(timer)).toBe('1:39 left');
      await tick(80_000);
      expect(ui.$('cc-proc-timer')!.dataset.tone).toBe('warn');
      expect(text(ui.$('cc-proc-timer-announce'))).toBe('Contact time almost up: 0:19 left');
      await tick(21_000);
      expect(ui.$('cc-proc-timer')!.dataset.tone).toBe('over');
      expect(text(ui.$('cc-proc-timer'))).toBe('0:02 over time');
    } finally {
      delete inbound.timeLimitSec;
    }
  });
});
