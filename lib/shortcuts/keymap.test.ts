import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { ACTIONS, comboTable, DEFAULT_BINDINGS, displayBinding, effectiveBindings, findConflicts, forwardableCombos } from './keymap';
import { checkBinding, checkOverrides, describeProblem, isReserved } from './validate';
import { ShortcutOverridesSchema } from './schema';

describe('keymap', () => {
  it('has no conflicts and no problems by default', () => {
    expect(findConflicts(DEFAULT_BINDINGS)).toEqual([]);
    for (const id of ACTIONS) expect(checkBinding(id, DEFAULT_BINDINGS[id], DEFAULT_BINDINGS), id).toBeNull();
  });

  it('applies valid overrides and ignores unparseable ones', () => {
    const b = effectiveBindings({ next: 'alt+j', back: 'Hyper+B' });
    expect(b.next).toBe('Alt+J');
    expect(b.back).toBe('Alt+B');
  });

  it('maps every combo back to its action, phrase digits to N', () => {
    const table = comboTable(effectiveBindings({ insert: 'Ctrl+Alt+5' }));
    expect(table.get('Alt+N')).toEqual({ id: 'next' });
    expect(table.get('Ctrl+Alt+1')).toEqual({ id: 'insert', n: 1 });
    expect(table.get('Ctrl+Alt+9')).toEqual({ id: 'insert', n: 9 });
    expect(table.get('Alt+1')).toBeUndefined();
    expect(displayBinding('insert', 'Ctrl+Alt+5')).toBe('Ctrl+Alt+1 … Ctrl+Alt+9');
  });

  it('forwards only Alt combos from the page', () => {
    const combos = forwardableCombos(DEFAULT_BINDINGS);
    expect(combos).toContain('Alt+N');
    expect(combos).toContain('Alt+9');
    expect(combos).not.toContain('Ctrl+K');
    expect(combos).not.toContain('?');
  });
});

describe('checkBinding', () => {
  const d = DEFAULT_BINDINGS;
  it('refuses a combo another action uses, naming it', () => {
    expect(checkBinding('next', 'Alt+B', d)).toEqual({ code: 'conflict', combo: 'Alt+B', other: 'back' });
    // Inside the insert family, too.
    expect(checkBinding('back', 'Alt+4', d)).toEqual({ code: 'conflict', combo: 'Alt+4', other: 'insert' });
    expect(checkBinding('insert', 'Alt+Shift+1', { ...d, newRun: 'Alt+Shift+3' })).toEqual({ code: 'conflict', combo: 'Alt+Shift+3', other: 'newRun' });
    // Rebinding an action to its own combo is no conflict.
    expect(checkBinding('next', 'alt+n', d)).toBeNull();
  });

  it('refuses reserved browser and editing combos', () => {
    expect(checkBinding('next', 'Ctrl+T', d)).toEqual({ code: 'reserved', combo: 'Ctrl+T' });
    expect(checkBinding('search', 'Ctrl+C', d)).toEqual({ code: 'reserved', combo: 'Ctrl+C' });
    expect(checkBinding('back', 'Alt+ArrowLeft', d)).toEqual({ code: 'reserved', combo: 'Alt+ArrowLeft' });
    expect(checkBinding('help', 'Alt+F', d)).toEqual({ code: 'reserved', combo: 'Alt+F' });
    expect(checkBinding('insert', 'Ctrl+1', d)).toEqual({ code: 'reserved', combo: 'Ctrl+1' });
    expect(isReserved('Meta+W')).toBe(true);
    expect(isReserved('Ctrl+K')).toBe(false);
  });

  it('refuses bare keys that type, fixed keys, and a non-digit insert', () => {
    expect(checkBinding('next', 'N', d)).toEqual({ code: 'bare', combo: 'N' });
    expect(checkBinding('next', 'Shift+N', d)).toEqual({ code: 'bare', combo: 'Shift+N' });
    expect(checkBinding('tick', 'Space', d)).toEqual({ code: 'bare', combo: 'Space' });
    expect(checkBinding('help', 'F2', d)).toBeNull();
    expect(checkBinding('search', '/', d)).toEqual({ code: 'fixed', combo: '/' });
    expect(checkBinding('help', 'Esc', d)).toEqual({ code: 'bare', combo: 'Esc' });
    expect(checkBinding('insert', 'Alt+Q', d)).toEqual({ code: 'needsDigit', combo: 'Alt+Q' });
    expect(checkBinding('next', 'Alt+Hyper', d)).toMatchObject({ code: 'invalid' });
  });

  it('describes each problem in words that name the combo', () => {
    expect(describeProblem({ code: 'conflict', combo: 'Alt+B', other: 'back' })).toBe('Alt+B is already used by "back"');
    expect(checkOverrides({ next: 'Alt+B' })).toEqual(['next: Alt+B is already used by "back"']);
  });
});

describe('ShortcutOverridesSchema', () => {
  it('accepts good overrides and refuses unknown actions, conflicts and junk on receipt', () => {
    expect(v.safeParse(ShortcutOverridesSchema, { next: 'Alt+J' }).success).toBe(true);
    expect(v.safeParse(ShortcutOverridesSchema, {}).success).toBe(true);
    const unknown = v.safeParse(ShortcutOverridesSchema, { fly: 'Alt+J' });
    expect(unknown.success).toBe(false);
    const clash = v.safeParse(ShortcutOverridesSchema, { next: 'Alt+J', back: 'Alt+J' });
    expect(clash.success).toBe(false);
    expect(clash.issues?.map((i) => i.message)).toContain('back: Alt+J is already used by "next"');
    expect(v.safeParse(ShortcutOverridesSchema, { next: 'x'.repeat(41) }).success).toBe(false);
  });
});
