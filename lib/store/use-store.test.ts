// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { h, render } from 'preact';
import { createPanelStore } from './panel-store';
import { StoreContext, usePanel } from './use-store';

function Ready() {
  return h(
    'p',
    null,
    usePanel((s) => (s.ready ? 'ready' : 'loading')),
  );
}

const root = document.createElement('div');
afterEach(() => render(null, root));

describe('usePanel', () => {
  // At boot the background's answer can come before the next frame. A subscription made in a
  // plain effect (after that frame) showed it a frame or more late; it must show at once.
  it('shows a change made right after the render without waiting for a frame', async () => {
    const store = createPanelStore({ send: () => new Promise(() => undefined), now: () => 0, newId: () => 'id' });
    render(h(StoreContext.Provider, { value: store }, h(Ready, null)), root);
    expect(root.textContent).toBe('loading');
    store.setState({ ready: true });
    // Microtasks only: no animation frame or timer has run.
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(root.textContent).toBe('ready');
  });
});
