/**
 * The panel's actions and their key bindings: defaults, the agent's overrides, and how a
 * combo maps back to an action. Pure, so the options page, the panel, the background (which
 * forwards page keys) and the README test all read one table.
 */
import { formatCombo, parseCombo, type Combo } from './combo';

/** Actions an agent can rebind in Options. */
export const ACTIONS = ['next', 'back', 'tick', 'insert', 'newRun', 'nextRun', 'collapse', 'search', 'followUp', 'help'] as const;
export type ActionId = (typeof ACTIONS)[number];
export type Bindings = Record<ActionId, string>;
export type Overrides = Partial<Bindings>;

export const DEFAULT_BINDINGS: Bindings = {
  next: 'Alt+N',
  back: 'Alt+B',
  tick: 'Alt+X',
  // The digit stands for the family 1–9: phrase N is the same modifiers + N.
  insert: 'Alt+1',
  newRun: 'Alt+Shift+N',
  nextRun: 'Alt+R',
  collapse: 'Alt+Shift+K',
  search: 'Ctrl+K',
  followUp: 'Alt+U',
  help: '?',
};

/** Keys that are not configurable: they belong to the control that has focus, or close things. */
export const FIXED = { close: 'Esc', searchAlt: '/', tickFocused: 'Space / Enter' } as const;

export function effectiveBindings(overrides: Overrides | undefined): Bindings {
  const out = { ...DEFAULT_BINDINGS };
  for (const id of ACTIONS) {
    const text = overrides?.[id];
    const parsed = text === undefined ? undefined : parseCombo(text);
    if (parsed?.ok) out[id] = parsed.text;
  }
  return out;
}

const withKey = (c: Combo, key: string) => formatCombo({ ...c, key });

/** Every concrete combo a binding stands for (the insert family is nine). */
export function combosOf(id: ActionId, text: string): string[] {
  const parsed = parseCombo(text);
  if (!parsed.ok) return [];
  if (id !== 'insert') return [parsed.text];
  return ['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => withKey(parsed.combo, d));
}

/** How a binding reads in the help overlay and README: "Alt+1 … Alt+9" for the insert family. */
export function displayBinding(id: ActionId, text: string): string {
  const all = combosOf(id, text);
  return id === 'insert' && all.length ? `${all[0]} … ${all[8]}` : (all[0] ?? text);
}

export type Match = { id: ActionId; n?: number };

/** combo text → action, for matching keydowns in O(1). */
export function comboTable(bindings: Bindings): Map<string, Match> {
  const table = new Map<string, Match>();
  for (const id of ACTIONS) {
    combosOf(id, bindings[id]).forEach((combo, i) => {
      if (!table.has(combo)) table.set(combo, id === 'insert' ? { id, n: i + 1 } : { id });
    });
  }
  return table;
}

/** Pairs of actions that share a combo. A conflicting keymap is refused before it is stored. */
export function findConflicts(bindings: Bindings): { combo: string; ids: [ActionId, ActionId] }[] {
  const seen = new Map<string, ActionId>();
  const out: { combo: string; ids: [ActionId, ActionId] }[] = [];
  for (const id of ACTIONS) {
    for (const combo of combosOf(id, bindings[id])) {
      const other = seen.get(combo);
      if (other && other !== id) out.push({ combo, ids: [other, id] });
      else seen.set(combo, id);
    }
  }
  return out;
}

/** The combos a content script may forward from the CRM page: Alt combos only (see README). */
export function forwardableCombos(bindings: Bindings): string[] {
  return ACTIONS.flatMap((id) => combosOf(id, bindings[id])).filter((c) => {
    const p = parseCombo(c);
    return p.ok && p.combo.alt && !p.combo.ctrl && !p.combo.meta;
  });
}
