/**
 * Key combos as canonical strings ("Ctrl+Alt+Shift+Meta+Key"): read from a keydown, parsed
 * from what an agent or admin typed, and formatted back. No dependencies: the content script
 * imports this file, and its whole budget is 15 KB gzipped.
 */

export interface Combo {
  ctrl: boolean;
  alt: boolean;
  shift: boolean;
  meta: boolean;
  /** "A"–"Z", "0"–"9", "F1"–"F24", a named key ("Enter", "ArrowUp"…) or one symbol ("/", "?"). */
  key: string;
}

export type ParseResult = { ok: true; combo: Combo; text: string } | { ok: false; error: string };

const NAMED = [
  'Esc',
  'Enter',
  'Space',
  'Tab',
  'Backspace',
  'Delete',
  'Insert',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
];
const ALIASES: Record<string, string> = {
  escape: 'Esc',
  return: 'Enter',
  del: 'Delete',
  ins: 'Insert',
  up: 'ArrowUp',
  down: 'ArrowDown',
  left: 'ArrowLeft',
  right: 'ArrowRight',
  pgup: 'PageUp',
  pgdn: 'PageDown',
  plus: '+',
};
const SYMBOLS = '/?.,;\'[]\\-=`+!@#$%^&*()_{}|:"<>~';
// Physical symbol keys, read by `code` when Ctrl/Alt/Meta is held (macOS turns Alt+/ into "÷").
const CODE_SYMBOLS: Record<string, string> = {
  Slash: '/',
  Period: '.',
  Comma: ',',
  Semicolon: ';',
  Quote: "'",
  BracketLeft: '[',
  BracketRight: ']',
  Backslash: '\\',
  Minus: '-',
  Equal: '=',
  Backquote: '`',
  NumpadDivide: '/',
  NumpadMultiply: '*',
  NumpadSubtract: '-',
  NumpadAdd: '+',
  NumpadDecimal: '.',
};
const MODIFIER_KEYS = new Set(['Control', 'Alt', 'Shift', 'Meta', 'AltGraph', 'OS', 'CapsLock', 'Fn']);

/** Canonical text: modifiers in a fixed order, so two spellings of one combo compare equal. */
export function formatCombo(c: Combo): string {
  return [c.ctrl && 'Ctrl', c.alt && 'Alt', c.shift && 'Shift', c.meta && 'Meta', c.key].filter(Boolean).join('+');
}

function keyName(raw: string): string | undefined {
  if (raw.length === 1) {
    if (/[a-z]/i.test(raw)) return raw.toUpperCase();
    if (/[0-9]/.test(raw) || SYMBOLS.includes(raw)) return raw;
    return undefined;
  }
  const lower = raw.toLowerCase();
  if (/^f([1-9]|1[0-9]|2[0-4])$/.test(lower)) return lower.toUpperCase();
  return ALIASES[lower] ?? NAMED.find((n) => n.toLowerCase() === lower);
}

/** Reads "alt+shift+n", "Ctrl + K", "?" …; the error names the part that is wrong. */
export function parseCombo(text: string): ParseResult {
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, error: 'the shortcut is empty' };
  // "Ctrl++" is Ctrl and the + key: split on a "+" only when it has a part before it.
  const parts = trimmed.split(/\s*\+\s*(?=.)/);
  const combo: Combo = { ctrl: false, alt: false, shift: false, meta: false, key: '' };
  for (const [i, part] of parts.entries()) {
    const lower = part.toLowerCase();
    const mod = (
      { ctrl: 'ctrl', control: 'ctrl', alt: 'alt', option: 'alt', shift: 'shift', meta: 'meta', cmd: 'meta', command: 'meta', win: 'meta' } as const
    )[lower];
    if (mod && i < parts.length - 1) {
      if (combo[mod]) return { ok: false, error: `"${trimmed}" repeats ${part}` };
      combo[mod] = true;
      continue;
    }
    if (i < parts.length - 1) return { ok: false, error: `"${part}" in "${trimmed}" is not a modifier (Ctrl, Alt, Shift, Meta)` };
    if (mod) return { ok: false, error: `"${trimmed}" has no key after ${part}` };
    const key = keyName(part);
    if (!key) return { ok: false, error: `"${part}" in "${trimmed}" is not a key Cuecard knows` };
    combo.key = key;
  }
  return { ok: true, combo, text: formatCombo(combo) };
}

/** The canonical form of a combo text, or undefined when it does not parse. */
export function normalizeCombo(text: string): string | undefined {
  const r = parseCombo(text);
  return r.ok ? r.text : undefined;
}

type KeyEventLike = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey'>;

/**
 * The combo a keydown means, or undefined for a lone modifier press. Letters and digits come
 * from `code` (the physical key: on macOS Alt+N types "˜"), as do symbols under Ctrl/Alt/Meta.
 * A bare symbol comes from `key`, without Shift: "?" is "?" on every layout.
 */
export function comboFromEvent(e: KeyEventLike): string | undefined {
  if (MODIFIER_KEYS.has(e.key)) return undefined;
  const c: Combo = { ctrl: e.ctrlKey, alt: e.altKey, shift: e.shiftKey, meta: e.metaKey, key: '' };
  const code = e.code ?? '';
  const letter = /^Key([A-Z])$/.exec(code);
  const digit = /^(?:Digit|Numpad)([0-9])$/.exec(code);
  if (letter) c.key = letter[1]!;
  else if (digit) c.key = digit[1]!;
  else if (code === 'NumpadEnter') c.key = 'Enter';
  else if (!c.ctrl && !c.alt && !c.meta && e.key.length === 1 && SYMBOLS.includes(e.key)) {
    c.key = e.key;
    c.shift = false;
  } else c.key = CODE_SYMBOLS[code] ?? keyName(e.key === ' ' ? 'Space' : e.key) ?? '';
  return c.key ? formatCombo(c) : undefined;
}

/** A keydown init that `comboFromEvent` reads back as `text` (for keys forwarded from the page). */
export function eventInitFor(text: string): KeyboardEventInit | undefined {
  const r = parseCombo(text);
  if (!r.ok) return undefined;
  const { key } = r.combo;
  const code = /^[A-Z]$/.test(key)
    ? `Key${key}`
    : /^[0-9]$/.test(key)
      ? `Digit${key}`
      : (Object.keys(CODE_SYMBOLS).find((k) => CODE_SYMBOLS[k] === key) ?? key);
  return {
    key: key === 'Esc' ? 'Escape' : key === 'Space' ? ' ' : /^[A-Z]$/.test(key) ? key.toLowerCase() : key,
    code,
    ctrlKey: r.combo.ctrl,
    altKey: r.combo.alt,
    shiftKey: r.combo.shift,
    metaKey: r.combo.meta,
    bubbles: true,
    cancelable: true,
  };
}

/** True when the combo holds Ctrl, Alt or Meta: it does not type text. */
export function hasCommandModifier(c: Combo): boolean {
  return c.ctrl || c.alt || c.meta;
}
