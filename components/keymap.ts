/**
 * Every panel shortcut in one place: matched here, listed by HelpOverlay and the README.
 * The panel is its own document (an extension page in a frame), so keys pressed here never
 * reach the CRM page and CRM shortcuts never reach us.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { MessageKey } from '@/lib/i18n/translate';

export type ShortcutId = 'next' | 'back' | 'insert' | 'tick' | 'newRun' | 'nextRun' | 'collapse' | 'help' | 'close';
export type ShortcutMatch = { id: ShortcutId; n?: number };

export interface Shortcut {
  id: ShortcutId;
  keys: string;
  label: MessageKey;
}

export const KEYMAP: readonly Shortcut[] = [
  { id: 'next', keys: 'Alt+N', label: 'keys.next' },
  { id: 'back', keys: 'Alt+B', label: 'keys.back' },
  { id: 'insert', keys: 'Alt+1 … Alt+9', label: 'keys.insert' },
  { id: 'tick', keys: 'Space / Enter', label: 'keys.tick' },
  { id: 'newRun', keys: 'Alt+Shift+N', label: 'keys.newRun' },
  { id: 'nextRun', keys: 'Alt+R', label: 'keys.nextRun' },
  { id: 'collapse', keys: 'Alt+Shift+K', label: 'keys.collapse' },
  { id: 'help', keys: '?', label: 'keys.help' },
  { id: 'close', keys: 'Esc', label: 'keys.close' },
];

// `code`, not `key`: on macOS Alt+N types "˜", and the physical key is what the help lists.
function alt(e: KeyboardEvent, code: string, shift = false): boolean {
  return e.altKey && e.shiftKey === shift && !e.ctrlKey && !e.metaKey && e.code === code;
}

export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || (target as HTMLElement).isContentEditable;
}

/** The shortcut a keydown means, if any. Space/Enter on checkboxes are handled by the checkbox itself. */
export function matchShortcut(e: KeyboardEvent): ShortcutMatch | null {
  if (alt(e, 'KeyN')) return { id: 'next' };
  if (alt(e, 'KeyN', true)) return { id: 'newRun' };
  if (alt(e, 'KeyB')) return { id: 'back' };
  if (alt(e, 'KeyR')) return { id: 'nextRun' };
  if (alt(e, 'KeyK', true)) return { id: 'collapse' };
  const digit = /^(?:Digit|Numpad)([1-9])$/.exec(e.code);
  if (digit && e.altKey && !e.shiftKey && !e.ctrlKey && !e.metaKey) return { id: 'insert', n: Number(digit[1]) };
  if (e.key === 'Escape') return { id: 'close' };
  // "?" is typed text inside inputs (a skip reason, the run label), so only outside them.
  if (e.key === '?' && !e.altKey && !e.ctrlKey && !e.metaKey && !isTyping(e.target)) return { id: 'help' };
  return null;
}

export type ShortcutHandlers = Partial<Record<ShortcutId, (match: ShortcutMatch) => void>>;

/**
 * Listen on the panel document while mounted. Each component handles the shortcuts it owns
 * (NavBar: next/back, PhraseCard: its number), so a shortcut acts only when its target is shown.
 */
export function useShortcuts(handlers: ShortcutHandlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const match = matchShortcut(e);
      const handler = match && latest.current[match.id];
      if (!match || !handler) return;
      e.preventDefault();
      handler(match);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
