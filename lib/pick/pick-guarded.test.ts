// @vitest-environment happy-dom
/**
 * Pick mode over a guarded control (issue 12 with 13.1, 13.2), on a DOM with the content
 * script's real wiring: the guard's listener is added first, yet the lead's pick click on a
 * locked control or a checked Save is picked, not held, and the page never sees it; once pick
 * mode has ended, the agent's click is held again.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { guardWords } from '../guards/words';
import { createPageGuards } from '../page/guard';
import { createPickResponder } from './content-pick';
import { picking, setPickingProbe } from './picking-flag';

/** The agent's own click (happy-dom leaves isTrusted unset; the browser sets it on real input). */
function realClick(el: Element): MouseEvent {
  const e = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
  Object.defineProperty(e, 'isTrusted', { value: true });
  el.dispatchEvent(e);
  return e;
}

const page = new AbortController();
afterEach(() => document.body.replaceChildren());

describe('pick mode and guards in one frame', () => {
  it('picks the locked control and the checked Save, then the guard holds again', () => {
    document.body.replaceChildren(
      document
        .createRange()
        .createContextualFragment(
          '<button id="reset">Reset password</button><table><tr><td>Phone</td><td><input id="phone"></td></tr></table><button id="save">Save</button>',
        ),
    );
    const pageSaw: string[] = [];
    document.addEventListener('click', (e) => pageSaw.push((e.target as Element).id), { signal: page.signal });
    const held = vi.fn();
    const picker = createPickResponder(window);
    // As in production: pick.js sets the probe, the CRM content script's guards read it.
    setPickingProbe(() => picker.active());
    const guards = createPageGuards(window, { held }, picking);
    guards.apply({
      sites: [
        {
          match: ['*://*/*'],
          guards: [{ id: 'reset', name: 'Reset', labelText: 'Reset password' }],
          checks: [{ id: 'save', submit: { selector: '#save' }, rules: [{ id: 'phone', name: 'Phone', labelText: 'Phone', required: true, mode: 'block' }] }],
        },
      ],
      section: '2.2',
      contact: true,
      top: window.location.href,
      words: guardWords('en'),
    });
    const pick = (id: string) => {
      const reply = vi.fn();
      expect(picker.handle({ type: 'content.pick', kind: 'control' }, reply)).toBe(true);
      expect(picker.active()).toBe(true);
      expect(realClick(document.getElementById(id)!).defaultPrevented).toBe(true);
      expect(picker.active()).toBe(false);
      return reply.mock.calls[0]?.[0];
    };
    expect(pick('reset')).toEqual({ picked: { loc: { labelText: 'Reset password' }, matches: 1 } });
    expect(pick('save')).toMatchObject({ picked: { matches: 1 } });
    expect(held).not.toHaveBeenCalled();
    expect(pageSaw).toEqual([]);

    realClick(document.getElementById('reset')!);
    realClick(document.getElementById('save')!);
    expect(held.mock.calls).toEqual([
      ['guard', 'reset'],
      ['check', 'save', ['phone']],
    ]);
    expect(pageSaw).toEqual([]);
    guards.dispose();
    page.abort();
  });
});
