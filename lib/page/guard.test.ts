// @vitest-environment happy-dom
/**
 * Guarded controls and field checks in one frame (issue 13.1, 13.2), on a DOM: the agent's real
 * click on a locked control is held before the page's own listeners, a page script's click is
 * not our business, a pass after an override lets one click through, late and shadow-root
 * controls get their lock ring, verified means every listener is gone, and a Save with failing
 * block rules is held (warn rules only note) until the fields are fixed.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageGuardState } from '../messaging/protocol';
import type { PageCheck, PageGuard } from '../guards/guard-state';
import { guardWords } from '../guards/words';
import { createPageGuards, type PageGuards } from './guard';

const TOP = 'https://crm.example/account/7';
const words = guardWords('en');
const plan: PageGuard = { id: 'plan', name: 'Change plan', selector: '#plan' };
const state = (guards: PageGuard[], checks: PageCheck[] = []): PageGuardState => ({
  sites: [{ match: ['https://crm.example/*'], guards, checks }],
  section: '2.2',
  contact: true,
  top: TOP,
  words,
});

/** The agent's own click (happy-dom leaves isTrusted unset; the browser sets it on real input). */
function realClick(el: Element): MouseEvent {
  const e = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
  Object.defineProperty(e, 'isTrusted', { value: true });
  el.dispatchEvent(e);
  return e;
}

// Our page UI lives in a closed shadow root: the tests keep a handle on it to read what is drawn.
let ours: ShadowRoot | null = null;
const attach = Element.prototype.attachShadow;
beforeEach(() => {
  ours = null;
  Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
    const root = attach.call(this, init);
    if (this.tagName === 'CUECARD-GUARD') ours = root;
    return root;
  };
});
afterEach(() => {
  Element.prototype.attachShadow = attach;
  guards?.dispose();
  page?.abort();
  document.body.replaceChildren();
});

const drawn = (testId: string) => Array.from(ours?.querySelectorAll(`[data-testid="${testId}"]`) ?? []);
let guards: PageGuards;
let held: ReturnType<typeof vi.fn<(kind: 'guard' | 'check', target: string, rules?: string[]) => void>>;
let pageSaw: string[];
let page: AbortController | undefined;

function setup(markup: string) {
  document.body.replaceChildren(document.createRange().createContextualFragment(markup));
  pageSaw = [];
  // The CRM's own handler, on the document as most frameworks delegate.
  page = new AbortController();
  document.addEventListener('click', (e) => pageSaw.push((e.target as Element).id), { signal: page.signal });
  held = vi.fn();
  guards = createPageGuards(window, { held });
}

describe('a guarded control', () => {
  it('holds the agent’s click before the page sees it, says why, and asks the panel', () => {
    setup('<button id="plan">Change plan</button><button id="other">Other</button>');
    guards.apply(state([plan]));
    expect(drawn('cc-guard-lock')).toHaveLength(1);
    const e = realClick(document.getElementById('plan')!);
    expect(e.defaultPrevented).toBe(true);
    expect(pageSaw).toEqual([]);
    expect(held).toHaveBeenCalledWith('guard', 'plan');
    expect(drawn('cc-guard-held').map((d) => d.textContent)).toEqual(["Verify the customer's identity first (2.2) — Change plan"]);
    realClick(document.getElementById('other')!);
    expect(pageSaw).toEqual(['other']); // other controls are untouched
  });

  it('leaves a page script’s own click alone (not the agent’s hand)', () => {
    setup('<button id="plan">Change plan</button>');
    guards.apply(state([plan]));
    document.getElementById('plan')!.click();
    expect(pageSaw).toEqual(['plan']);
    expect(held).not.toHaveBeenCalled();
  });

  it('lets one click through after an override, then holds again', () => {
    setup('<button id="plan">Change plan</button>');
    guards.apply(state([plan]));
    guards.apply(state([plan]), { kind: 'guard', target: 'plan' });
    expect(realClick(document.getElementById('plan')!).defaultPrevented).toBe(false);
    expect(pageSaw).toEqual(['plan']);
    expect(realClick(document.getElementById('plan')!).defaultPrevented).toBe(true);
    expect(pageSaw).toEqual(['plan']);
  });

  it('matches by the control’s own text, inside an open shadow root too', () => {
    setup('<crm-toolbar id="bar"></crm-toolbar>');
    const root = document.getElementById('bar')!.attachShadow({ mode: 'open' });
    root.append(Object.assign(document.createElement('button'), { id: 'inner', textContent: ' Reset password ' }));
    guards.apply(state([{ id: 'reset', name: 'Reset', labelText: 'Reset password' }]));
    realClick(root.getElementById('inner')!);
    expect(held).toHaveBeenCalledWith('guard', 'reset');
    expect(pageSaw).toEqual([]);
  });

  it('rings a control in a component already on the page once the pointer enters it, without walking the page', () => {
    setup('<crm-toolbar id="bar"></crm-toolbar><div id="other"></div>');
    const root = document.getElementById('bar')!.attachShadow({ mode: 'open' });
    root.append(Object.assign(document.createElement('button'), { id: 'plan', textContent: 'Change plan' }));
    guards.apply(state([plan]));
    expect(drawn('cc-guard-lock')).toHaveLength(0);
    // happy-dom leaves composedPath() empty in a window capture listener: give the browser's.
    const over = (el: Element, path: EventTarget[]) => {
      const e = new MouseEvent('pointerover', { bubbles: true, composed: true });
      Object.defineProperty(e, 'composedPath', { value: () => [...path, document.body, document.documentElement, document, window] });
      el.dispatchEvent(e);
    };
    over(document.getElementById('other')!, [document.getElementById('other')!]);
    expect(drawn('cc-guard-lock')).toHaveLength(0);
    const button = root.getElementById('plan')!;
    over(button, [button, root, root.host]);
    expect(drawn('cc-guard-lock')).toHaveLength(1);
  });

  it('rings a control the page renders later', async () => {
    setup('<div id="list"></div>');
    guards.apply(state([plan]));
    expect(drawn('cc-guard-lock')).toHaveLength(0);
    document.getElementById('list')!.append(Object.assign(document.createElement('button'), { id: 'plan', textContent: 'Change plan' }));
    await vi.waitFor(() => expect(drawn('cc-guard-lock')).toHaveLength(1), { timeout: 2000 });
  });

  it('once verified, is the CRM’s again: no hold, no marks, no listener', () => {
    setup('<button id="plan">Change plan</button>');
    guards.apply(state([plan]));
    guards.apply(state([]));
    expect(realClick(document.getElementById('plan')!).defaultPrevented).toBe(false);
    expect(pageSaw).toEqual(['plan']);
    expect(document.querySelector('cuecard-guard')).toBeNull();
  });

  it('guards nothing on a site that does not match this page', () => {
    setup('<button id="plan">Change plan</button>');
    guards.apply({ ...state([plan]), sites: [{ match: ['https://other.example/*'], guards: [plan], checks: [] }] });
    expect(realClick(document.getElementById('plan')!).defaultPrevented).toBe(false);
    expect(held).not.toHaveBeenCalled();
  });
});

describe('field checks before Save', () => {
  const intake = (mode: 'warn' | 'block'): PageCheck => ({
    id: 'intake',
    submit: { selector: '#save' },
    rules: [
      { id: 'name', name: 'Name', selector: '#name', required: true, mode },
      { id: 'phone', name: 'Mobile', selector: '#phone', pattern: '1[3-9]\\d{9}', mode: 'warn' },
    ],
  });
  const form = '<form><input id="name"><input id="phone" value="123"><button id="save" type="button">Save</button></form>';

  it('holds a Save with a failing block rule, notes each field, and lets it go once fixed', () => {
    setup(form);
    guards.apply(state([], [intake('block')]));
    const save = document.getElementById('save')!;
    expect(realClick(save).defaultPrevented).toBe(true);
    expect(pageSaw).toEqual([]);
    expect(held).toHaveBeenCalledWith('check', 'intake', ['name']);
    expect(drawn('cc-check-note').map((n) => [n.textContent, n.className])).toEqual([
      [words['fieldCheck.required'].replace('{name}', 'Name'), 'note'],
      [words['fieldCheck.pattern'].replace('{name}', 'Mobile'), 'note warn'],
    ]);
    const name = document.getElementById('name') as HTMLInputElement;
    name.value = '张三';
    name.dispatchEvent(new Event('input', { bubbles: true }));
    expect(drawn('cc-check-note')).toHaveLength(0); // editing a flagged field clears the notes
    expect(realClick(save).defaultPrevented).toBe(false);
    expect(pageSaw).toEqual(['save']);
  });

  it('in warning mode notes what is missing and lets the Save through', () => {
    setup(form);
    guards.apply(state([], [intake('warn')]));
    expect(realClick(document.getElementById('save')!).defaultPrevented).toBe(false);
    expect(pageSaw).toEqual(['save']);
    expect(held).not.toHaveBeenCalled();
    expect(drawn('cc-check-note')).toHaveLength(2);
    expect(drawn('cc-check-say').map((s) => s.textContent)).toEqual([words['fieldCheck.warned']]);
  });

  it('after an override with a reason, the next Save goes through once', () => {
    setup(form);
    guards.apply(state([], [intake('block')]));
    guards.apply(state([], [intake('block')]), { kind: 'check', target: 'intake' });
    expect(realClick(document.getElementById('save')!).defaultPrevented).toBe(false);
    expect(realClick(document.getElementById('save')!).defaultPrevented).toBe(true);
  });
});
