import { describe, expect, it } from 'vitest';
import { comboFromEvent, eventInitFor, normalizeCombo, parseCombo } from './combo';

const ev = (init: Partial<KeyboardEvent>) => ({ key: '', code: '', ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...init }) as KeyboardEvent;

describe('parseCombo', () => {
  it('normalizes spelling, case and modifier order', () => {
    expect(normalizeCombo('shift+alt+n')).toBe('Alt+Shift+N');
    expect(normalizeCombo(' Control + k ')).toBe('Ctrl+K');
    expect(normalizeCombo('cmd+option+1')).toBe('Alt+Meta+1');
    expect(normalizeCombo('Alt+escape')).toBe('Alt+Esc');
    expect(normalizeCombo('alt+up')).toBe('Alt+ArrowUp');
    expect(normalizeCombo('f12')).toBe('F12');
    expect(normalizeCombo('?')).toBe('?');
    expect(normalizeCombo('Ctrl++')).toBe('Ctrl++');
  });

  it('names what is wrong', () => {
    expect(parseCombo('')).toEqual({ ok: false, error: 'the shortcut is empty' });
    expect(parseCombo('Alt+')).toMatchObject({ ok: false, error: expect.stringContaining('"Alt+"') });
    expect(parseCombo('Alt+Alt+N')).toMatchObject({ ok: false, error: '"Alt+Alt+N" repeats Alt' });
    expect(parseCombo('Hyper+N')).toMatchObject({ ok: false, error: '"Hyper" in "Hyper+N" is not a modifier (Ctrl, Alt, Shift, Meta)' });
    expect(parseCombo('Alt+Ω')).toMatchObject({ ok: false, error: '"Ω" in "Alt+Ω" is not a key Cuecard knows' });
    expect(parseCombo('Ctrl+Shift')).toMatchObject({ ok: false, error: '"Ctrl+Shift" has no key after Shift' });
  });
});

describe('comboFromEvent', () => {
  it('reads letters and digits from the physical key', () => {
    // macOS: Alt+N types "˜", but the key is still N.
    expect(comboFromEvent(ev({ key: '˜', code: 'KeyN', altKey: true }))).toBe('Alt+N');
    expect(comboFromEvent(ev({ key: '!', code: 'Digit1', altKey: true, shiftKey: true }))).toBe('Alt+Shift+1');
    expect(comboFromEvent(ev({ key: '3', code: 'Numpad3', altKey: true }))).toBe('Alt+3');
    expect(comboFromEvent(ev({ key: 'k', code: 'KeyK', ctrlKey: true }))).toBe('Ctrl+K');
  });

  it('reads a bare symbol from the layout, without Shift', () => {
    expect(comboFromEvent(ev({ key: '?', code: 'Slash', shiftKey: true }))).toBe('?');
    // German layout: ? is Shift+ß (code Minus); still "?".
    expect(comboFromEvent(ev({ key: '?', code: 'Minus', shiftKey: true }))).toBe('?');
    expect(comboFromEvent(ev({ key: '/', code: 'Slash' }))).toBe('/');
    expect(comboFromEvent(ev({ key: '÷', code: 'Slash', altKey: true }))).toBe('Alt+/');
  });

  it('names special keys and ignores a lone modifier', () => {
    expect(comboFromEvent(ev({ key: 'Escape', code: 'Escape' }))).toBe('Esc');
    expect(comboFromEvent(ev({ key: ' ', code: 'Space', ctrlKey: true }))).toBe('Ctrl+Space');
    expect(comboFromEvent(ev({ key: 'Enter', code: 'NumpadEnter', ctrlKey: true }))).toBe('Ctrl+Enter');
    expect(comboFromEvent(ev({ key: 'F2', code: 'F2' }))).toBe('F2');
    expect(comboFromEvent(ev({ key: 'Alt', code: 'AltLeft', altKey: true }))).toBeUndefined();
    expect(comboFromEvent(ev({ key: 'Dead', code: 'IntlRo' }))).toBeUndefined();
  });

  it('round-trips through eventInitFor (keys forwarded from the page)', () => {
    for (const text of ['Alt+N', 'Alt+Shift+1', 'Ctrl+K', '?', 'Alt+/', 'Alt+Esc', 'Alt+Shift+K']) {
      expect(comboFromEvent(ev(eventInitFor(text) as Partial<KeyboardEvent>))).toBe(text);
    }
    expect(eventInitFor('Hyper+N')).toBeUndefined();
  });
});
