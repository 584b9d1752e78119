// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { mountApp, type Harness } from './test-fixtures';

let ui: Harness;
afterEach(() => ui?.unmount());

describe("shortcut hints follow the agent's bindings", () => {
  it('shows the defaults, then the rebound keys, on the buttons that use them', async () => {
    ui = await mountApp();
    await ui.click(ui.$('cc-start-inbound-phone'));
    expect(ui.$('cc-next')!.getAttribute('title')).toBe('Alt+N');
    expect(ui.container.querySelector('[data-testid^="cc-insert-"]')!.getAttribute('aria-keyshortcuts')).toBe('Alt+1');
    ui.unmount();

    ui = await mountApp({ shortcuts: { next: 'Ctrl+Shift+J', back: 'Alt+Shift+B', insert: 'Ctrl+Alt+1' } });
    await ui.click(ui.$('cc-start-inbound-phone'));
    expect(ui.$('cc-next')!.getAttribute('title')).toBe('Ctrl+Shift+J');
    expect(ui.$('cc-back')!.getAttribute('aria-keyshortcuts')).toBe('Alt+Shift+B');
    const insert = ui.container.querySelector('[data-testid^="cc-insert-"]');
    expect(insert?.getAttribute('aria-keyshortcuts')).toBe('Ctrl+Alt+1');
  });
});
