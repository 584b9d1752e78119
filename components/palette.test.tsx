// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'preact/test-utils';
import { mountApp, type Harness } from './test-fixtures';
import { indexBuilds } from './palette-target';

let ui: Harness;
afterEach(() => ui?.unmount());

const text = (el: Element | null) => el?.textContent ?? '';
const ctrlK = { key: 'k', code: 'KeyK', ctrlKey: true };

async function type(value: string) {
  const input = ui.$('cc-palette-input') as HTMLInputElement;
  await act(async () => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  return input;
}
const press = (init: KeyboardEventInit) => ui.key(init, ui.$('cc-palette-input')!);
const hitIds = () => [...ui.container.querySelectorAll('[role="option"]')].map((el) => (el as HTMLElement).dataset.id);
const selected = () => ui.container.querySelector('[aria-selected="true"]')?.getAttribute('data-id');
const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));

describe('search palette', () => {
  it('opens with Ctrl+K, lists a Chinese query as you type, Enter inserts the phrase', async () => {
    ui = await mountApp();
    await ui.key(ctrlK);
    expect(document.activeElement).toBe(ui.$('cc-palette-input'));
    await type('服务');
    expect(hitIds()[0]).toBe('hello');
    expect(text(ui.$('cc-palette-preview')!.querySelector('.cc-phrase__text'))).toBe('Hello, Acme, agent {agentId} speaking.');
    await type('服务 号');
    expect(hitIds()).toEqual(['hello']);
    // {agentId} has no value: the first Enter warns and inserts nothing, the second inserts.
    await press({ key: 'Enter' });
    await settle();
    expect(ui.actions.log).toEqual([]);
    expect(text(ui.$('cc-palette-note'))).toBe('Still unfilled: {agentId}. Press Enter again to insert anyway, or Ctrl+Enter to copy.');
    await press({ key: 'Enter' });
    await settle();
    expect(ui.actions.log).toEqual(['insert:Hello, Acme, agent {agentId} speaking.']);
    expect(ui.$('cc-palette')).toBeNull();
    expect(text(ui.$('cc-palette-status'))).toBe('Inserted');
  });

  it('matches pinyin initials; arrows move and wrap; Ctrl+Enter copies the selected one', async () => {
    ui = await mountApp();
    await ui.key(ctrlK);
    await type('nh');
    const ids = hitIds();
    expect([...ids].sort()).toEqual(['hello', 'hello-chat']);
    expect(selected()).toBe(ids[0]);
    await press({ key: 'ArrowDown' });
    expect(selected()).toBe(ids[1]);
    await press({ key: 'ArrowDown' });
    expect(selected()).toBe(ids[0]);
    await press({ key: 'ArrowUp' });
    expect(selected()).toBe(ids[1]);
    await press({ key: 'Enter', ctrlKey: true });
    await settle();
    expect(ui.actions.log).toEqual([ids[1] === 'hello' ? 'copy:Hello, Acme, agent {agentId} speaking.' : 'copy:Hi, this is Li.']);
    expect(ui.$('cc-palette')).toBeNull();
    expect(text(ui.$('cc-palette-status'))).toBe('Copied');
  });

  it('keeps the palette open and copies instead when the insert fails', async () => {
    ui = await mountApp();
    ui.backend.insertResult = { ok: false, reason: 'no-field' };
    await ui.key(ctrlK);
    await type('服务');
    await press({ key: 'Enter' }); // warned about {agentId}
    await press({ key: 'Enter' });
    await settle();
    expect(ui.actions.log).toEqual(['insert:Hello, Acme, agent {agentId} speaking.', 'copy:Hello, Acme, agent {agentId} speaking.']);
    expect(text(ui.$('cc-palette-note'))).toBe('Click into a CRM field first — Copied instead');
    expect(ui.$('cc-palette')).not.toBeNull();
  });

  it('starts a procedure; goes back to a visited step; shows an unreached step read-only', async () => {
    ui = await mountApp();
    await ui.key(ctrlK);
    await type('来电');
    expect(ui.container.querySelector('[role="option"]')?.getAttribute('data-kind')).toBe('procedure');
    await press({ key: 'Enter' });
    await settle();
    expect(text(ui.$('cc-step-title'))).toBe('Greet');
    expect(ui.store.getState().runs['run-1']?.channel).toBe('phone');
    await ui.click(ui.$('cc-item-greeted'));
    await ui.click(ui.$('cc-next'));
    expect(text(ui.$('cc-step-title'))).toBe('Verify identity');

    await ui.key(ctrlK);
    await type('结束');
    expect(selected()).toBe('wrap');
    await press({ key: 'Enter' });
    await settle();
    expect(text(ui.$('cc-palette-note'))).toContain('shown here read-only');
    expect(text(ui.$('cc-palette-preview'))).toContain('Offered the survey');
    expect(text(ui.$('cc-step-title'))).toBe('Verify identity');

    await type('问候');
    expect(selected()).toBe('greet');
    await press({ key: 'Enter' });
    await settle();
    expect(ui.$('cc-palette')).toBeNull();
    expect(text(ui.$('cc-step-title'))).toBe('Greet');
  });

  it('opens with "/" outside text fields only; Esc closes and returns the focus; the index is built once', async () => {
    ui = await mountApp();
    await ui.click(ui.$('cc-start-inbound-phone'));
    const label = ui.container.querySelector<HTMLInputElement>('.cc-label-input')!;
    label.focus();
    await ui.key({ key: '/', code: 'Slash' }, label);
    expect(ui.$('cc-palette')).toBeNull();
    const builds = indexBuilds();
    await ui.key({ key: '/', code: 'Slash' }, label.ownerDocument.body);
    expect(ui.$('cc-palette')).not.toBeNull();
    await press({ key: 'Escape' });
    expect(ui.$('cc-palette')).toBeNull();
    expect(document.activeElement).toBe(label);
    await ui.click(ui.$('cc-search-open'));
    expect(document.activeElement).toBe(ui.$('cc-palette-input'));
    // Built on the first opening, reused on the second: the pack set has not changed.
    expect(indexBuilds()).toBe(builds + 1);
  });

  it('keeps panel shortcuts from acting behind it', async () => {
    ui = await mountApp();
    await ui.click(ui.$('cc-start-inbound-online'));
    await ui.click(ui.$('cc-item-greeted'));
    await ui.key(ctrlK);
    await press({ key: 'n', code: 'KeyN', altKey: true });
    expect(text(ui.$('cc-step-title'))).toBe('Greet');
    await type('no such thing at all');
    expect(text(ui.$('cc-palette-empty'))).toBe('Nothing matches "no such thing at all"');
  });
});
