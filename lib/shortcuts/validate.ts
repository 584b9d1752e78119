/**
 * Whether a combo may be bound to an action. The options page shows the problem to the agent;
 * the settings schema runs the same checks on receipt, so a bad keymap is never stored.
 */
import { parseCombo, hasCommandModifier } from './combo';
import { ACTIONS, combosOf, effectiveBindings, findConflicts, type ActionId, type Bindings, type Overrides } from './keymap';

export type Problem =
  | { code: 'invalid'; error: string }
  /** No Ctrl/Alt/Meta: it would type into fields or fire while the agent types. */
  | { code: 'bare'; combo: string }
  /** The browser keeps it (Ctrl+T…) or agents need it in every CRM (Ctrl+C…). */
  | { code: 'reserved'; combo: string }
  /** Esc and "/" are fixed panel keys. */
  | { code: 'fixed'; combo: string }
  | { code: 'conflict'; combo: string; other: ActionId }
  /** The insert family needs a digit key: the digit stands for phrases 1–9. */
  | { code: 'needsDigit'; combo: string };

const CTRL_RESERVED = 'T N W Q L R D F G H J O P S U A C V X Z Y 0 1 2 3 4 5 6 7 8 9 Tab PageUp PageDown F4 + - ='.split(' ');
/**
 * Chromium keeps some combos for itself before a page sees them (Ctrl+T, Ctrl+W, Ctrl+Tab …,
 * https://support.google.com/chrome/answer/157179); the rest here are what agents use all day
 * in the CRM (copy, paste, undo, find, back). Meta forms are the macOS spellings.
 */
const RESERVED = new Set<string>([
  ...CTRL_RESERVED.map((k) => `Ctrl+${k}`),
  ...CTRL_RESERVED.map((k) => `Meta+${k}`),
  ...'T N W Tab R Q I J C B Delete'.split(' ').map((k) => `Ctrl+Shift+${k}`),
  ...'T N W R Z Q'.split(' ').map((k) => `Shift+Meta+${k}`),
  ...'D E F F4 ArrowLeft ArrowRight Home Tab'.split(' ').map((k) => `Alt+${k}`),
  'Alt+Meta+I',
  'Alt+Meta+J',
  'F1',
  'F3',
  'F5',
  'F6',
  'F7',
  'F11',
  'F12',
  'Tab',
  'Shift+Tab',
]);

const FIXED_KEYS = ['Esc', '/'];

export function isReserved(combo: string): boolean {
  return RESERVED.has(combo);
}

/** The first problem with binding `text` to `id`, given the other current bindings. */
export function checkBinding(id: ActionId, text: string, bindings: Bindings): Problem | null {
  const parsed = parseCombo(text);
  if (!parsed.ok) return { code: 'invalid', error: parsed.error };
  const { combo } = parsed;
  const shown = parsed.text;
  if (id === 'insert' && !/^[1-9]$/.test(combo.key)) return { code: 'needsDigit', combo: shown };
  // "?" alone is fine for help: it only fires outside text fields. Letters and digits are not.
  const bareOk = /^F([2-9]|1[0-9]|2[0-4])$/.test(combo.key) || (!combo.shift && combo.key.length === 1 && !/[A-Z0-9]/.test(combo.key));
  if (!hasCommandModifier(combo) && !bareOk) return { code: 'bare', combo: shown };
  for (const c of combosOf(id, shown)) {
    if (isReserved(c)) return { code: 'reserved', combo: c };
    if (FIXED_KEYS.includes(c)) return { code: 'fixed', combo: c };
  }
  const trial = { ...bindings, [id]: shown };
  const clash = findConflicts(trial).find((x) => x.ids.includes(id));
  if (clash) return { code: 'conflict', combo: clash.combo, other: clash.ids[0] === id ? clash.ids[1] : clash.ids[0] };
  return null;
}

/** Every problem in a set of overrides (for the settings schema): empty when it may be stored. */
export function checkOverrides(overrides: Overrides): string[] {
  const bindings = effectiveBindings(overrides);
  const out: string[] = [];
  for (const id of ACTIONS) {
    const text = overrides[id];
    if (text === undefined) continue;
    const p = checkBinding(id, text, bindings);
    if (p) out.push(`${id}: ${describeProblem(p)}`);
  }
  return out;
}

/** English wording for logs and the schema; the UI words problems itself in the agent's language. */
export function describeProblem(p: Problem): string {
  switch (p.code) {
    case 'invalid':
      return p.error;
    case 'bare':
      return `${p.combo} needs Ctrl, Alt or Meta (a bare key would type into fields)`;
    case 'reserved':
      return `${p.combo} belongs to the browser or to everyday editing`;
    case 'fixed':
      return `${p.combo} is a fixed panel key`;
    case 'conflict':
      return `${p.combo} is already used by "${p.other}"`;
    case 'needsDigit':
      return `${p.combo} must end in a digit 1–9 (phrase N uses the same keys + N)`;
  }
}
