// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'preact/test-utils';
import { mountApp, type Harness } from './test-fixtures';
import { phraseParts } from './PhraseCard';

let ui: Harness;
afterEach(() => ui?.unmount());

const text = (el: Element | null) => el?.textContent ?? '';
const start = async (channel: 'phone' | 'online', settings = {}) => {
  ui = await mountApp(settings);
  await ui.click(ui.$(`cc-start-inbound-${channel}`));
};

describe('phraseParts', () => {
  it('splits filled values from missing placeholders, honouring escapes', () => {
    expect(phraseParts('Hi {company}, {agentId} here', { company: 'Acme', agentId: ' ' })).toEqual(['Hi Acme, ', { missing: 'agentId' }, ' here']);
    expect(phraseParts('{{company}} {company}', { company: 'Acme' })).toEqual(['{company} Acme']);
  });
});

describe('PhraseCard', () => {
  it('fills profile variables, highlights missing ones and points to Options', async () => {
    await start('phone');
    const phrase = ui.$('cc-phrase-hello')!;
    expect(text(phrase)).toBe('Hello, Acme, agent {agentId} speaking.');
    expect(text(phrase.querySelector('mark'))).toBe('{agentId}');
    expect(text(ui.container)).toContain('Not set yet: agent ID.');
    await ui.click([...ui.container.querySelectorAll('button')].find((b) => b.textContent === 'Set in Options') ?? null);
    expect(ui.actions.log).toContain('openOptions');
  });

  it('shows only the phrases for the run channel', async () => {
    await start('online');
    expect(ui.$('cc-phrase-hello')).toBeNull();
    expect(text(ui.$('cc-phrase-hello-chat'))).toBe('Hi, this is Li.');
    expect(ui.container.querySelector('mark')).toBeNull();
  });

  it('inserts the filled text and says so', async () => {
    await start('online');
    await ui.click(ui.$('cc-insert-hello-chat'));
    expect(ui.actions.log).toEqual(['insert:Hi, this is Li.']);
    expect(text(ui.$('cc-insert-result'))).toBe('Inserted');
  });

  it('falls back to copying when no CRM field is focused, and says so', async () => {
    await start('online');
    ui.backend.insertResult = { ok: false, reason: 'no-field' };
    await ui.click(ui.$('cc-insert-hello-chat'));
    expect(ui.actions.log).toEqual(['insert:Hi, this is Li.', 'copy:Hi, this is Li.']);
    expect(text(ui.$('cc-insert-result'))).toBe('Click into a CRM field first — Copied instead');
  });

  it('names other insert failures, and says when copying failed too', async () => {
    await start('online');
    ui.backend.insertResult = { ok: false, reason: 'field-gone' };
    await ui.click(ui.$('cc-insert-hello-chat'));
    expect(text(ui.$('cc-insert-result'))).toBe('That field is no longer on the page — Copied instead');
    ui.backend.insertResult = { ok: false, reason: 'too-long', limit: 6 };
    await ui.click(ui.$('cc-insert-hello-chat'));
    expect(text(ui.$('cc-insert-result'))).toBe('Not inserted: the field takes at most 6 characters — Copied instead');
    ui.backend.insertResult = { ok: false, reason: 'read-only' };
    ui.backend.copyOk = false;
    await ui.click(ui.$('cc-insert-hello-chat'));
    expect(text(ui.$('cc-insert-result'))).toContain('Not inserted: the field is read-only — Could not copy');
    // A code this panel does not know (a newer content script) still reads as a failure.
    ui.backend.insertResult = { ok: false, reason: 'mystery' };
    await ui.click(ui.$('cc-insert-hello-chat'));
    expect(text(ui.$('cc-insert-result'))).toContain('Not inserted: the field did not take the text');
  });

  it('clears the last outcome while a new insert is on its way', async () => {
    await start('online');
    ui.backend.insertResult = { ok: false, reason: 'closed-shadow' };
    await ui.click(ui.$('cc-insert-hello-chat'));
    expect(text(ui.$('cc-insert-result'))).toContain('Copied instead');
    let answer!: (r: { ok: true; method: 'input' }) => void;
    ui.actions.insert = () => new Promise((resolve) => (answer = resolve));
    await ui.click(ui.$('cc-insert-hello-chat'));
    expect(text(ui.$('cc-insert-result'))).toBe('');
    await act(async () => {
      answer({ ok: true, method: 'input' });
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(text(ui.$('cc-insert-result'))).toBe('Inserted');
  });

  it('inserts phrase N on Alt+N digit', async () => {
    await start('phone', { profile: { company: 'Acme', agentId: '007', name: 'Li' } });
    await ui.key({ key: '¡', code: 'Digit1', altKey: true });
    expect(ui.actions.log).toEqual(['insert:Hello, Acme, agent 007 speaking.']);
    await ui.key({ key: '™', code: 'Digit2', altKey: true });
    expect(ui.actions.log).toHaveLength(1);
  });

  it('asks before inserting unfilled variables as raw braces: Escape cancels, Insert anyway inserts', async () => {
    await start('phone');
    await ui.click(ui.$('cc-insert-hello'));
    expect(ui.actions.log).toEqual([]);
    expect(text(ui.$('cc-insert-confirm'))).toContain('Still unfilled: {agentId}.');
    expect(document.activeElement).toBe(ui.$('cc-insert-anyway')); // keyboard: Enter confirms
    await ui.key({ key: 'Escape' }, ui.$('cc-insert-anyway')!);
    expect(ui.$('cc-insert-confirm')).toBeNull();
    expect(ui.actions.log).toEqual([]);
    await ui.click(ui.$('cc-insert-hello'));
    await ui.click(ui.$('cc-insert-anyway'));
    expect(ui.actions.log).toEqual(['insert:Hello, Acme, agent {agentId} speaking.']);
    expect(ui.$('cc-insert-confirm')).toBeNull();
  });

  it('copies on Copy', async () => {
    await start('online');
    await ui.click(ui.$('cc-copy-hello-chat'));
    expect(ui.actions.log).toEqual(['copy:Hi, this is Li.']);
    await act(async () => undefined);
    expect(text(ui.$('cc-insert-result'))).toBe('Copied');
  });
});
