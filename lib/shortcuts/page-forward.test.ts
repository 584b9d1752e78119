// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { forwardPageKeys, type PageForwarder } from './page-forward';

let fwd: PageForwarder | undefined;
afterEach(() => fwd?.dispose());

/** What the page's own handlers saw, the way the demo CRM's log.js listens (document, capture). */
function pageLog() {
  const seen: string[] = [];
  const listen = (e: KeyboardEvent) => seen.push(`${e.type}:${e.code}`);
  document.addEventListener('keydown', listen, true);
  document.addEventListener('keyup', listen, true);
  return seen;
}
const press = (code: string, init: KeyboardEventInit = {}) => {
  const field = document.body.appendChild(document.createElement('textarea'));
  const down = new KeyboardEvent('keydown', { code, bubbles: true, cancelable: true, ...init });
  field.dispatchEvent(down);
  field.dispatchEvent(new KeyboardEvent('keyup', { code, bubbles: true, cancelable: true, ...init }));
  field.remove();
  return down;
};

describe('forwardPageKeys', () => {
  it('takes the listed Alt combos before the page sees them and hands them on', () => {
    const delivered: string[] = [];
    const seen = pageLog();
    fwd = forwardPageKeys(
      window,
      (c) => delivered.push(c),
      () => true,
    );
    fwd.setCombos(['Alt+N', 'Alt+1']);
    const down = press('KeyN', { key: 'n', altKey: true });
    expect(delivered).toEqual(['Alt+N']);
    expect(down.defaultPrevented).toBe(true);
    expect(seen).toEqual([]);
    // Anything else goes to the page untouched.
    press('KeyB', { key: 'b', altKey: true });
    press('KeyN', { key: 'n' });
    expect(delivered).toEqual(['Alt+N']);
    expect(seen).toEqual(['keydown:KeyB', 'keyup:KeyB', 'keydown:KeyN', 'keyup:KeyN']);
  });

  it('takes nothing until told which combos, nor after dispose', () => {
    const delivered: string[] = [];
    fwd = forwardPageKeys(
      window,
      (c) => delivered.push(c),
      () => true,
    );
    press('KeyN', { key: 'n', altKey: true });
    fwd.setCombos(['Alt+N']);
    fwd.dispose();
    press('KeyN', { key: 'n', altKey: true });
    expect(delivered).toEqual([]);
  });

  it('ignores keys a page script made up (untrusted events)', () => {
    const delivered: string[] = [];
    const seen = pageLog();
    // The default check: event.isTrusted, false for every dispatchEvent.
    fwd = forwardPageKeys(window, (c) => delivered.push(c));
    fwd.setCombos(['Alt+N']);
    press('KeyN', { key: 'n', altKey: true });
    expect(delivered).toEqual([]);
    expect(seen).toContain('keydown:KeyN');
  });
});
