/**
 * Every panel shortcut in one place: matched here, listed by HelpOverlay and the README (a
 * test checks the README against KEYMAP). Bindings come from lib/shortcuts, with the agent's
 * overrides from settings. The panel is its own document (an extension page in a frame), so
 * keys pressed here never reach the CRM page and CRM shortcuts never reach us.
 */
import { useContext, useEffect, useRef } from 'preact/hooks';
import type { MessageKey } from '@/lib/i18n/translate';
import { comboFromEvent, eventInitFor } from '@/lib/shortcuts/combo';
import { comboTable, displayBinding, effectiveBindings, ACTIONS, type ActionId, type Bindings, type Match, type Overrides } from '@/lib/shortcuts/keymap';
import { StoreContext } from '@/lib/store/use-store';
import { visibilityGuard } from '@/lib/panel-page/visibility';

export type ShortcutId = ActionId | 'close';
export type ShortcutMatch = { id: ShortcutId; n?: number };

export interface Shortcut {
  id: ShortcutId;
  keys: string;
  label: MessageKey;
}

export const SHORTCUT_LABELS: Record<ShortcutId, MessageKey> = {
  next: 'keys.next',
  back: 'keys.back',
  tick: 'keys.tick',
  insert: 'keys.insert',
  newRun: 'keys.newRun',
  nextRun: 'keys.nextRun',
  collapse: 'keys.collapse',
  search: 'keys.search',
  followUp: 'keys.followUp',
  help: 'keys.help',
  close: 'keys.close',
};

/** The shortcuts with the agent's overrides applied, in the order help and README list them. */
export function keymapFor(overrides?: Overrides): Shortcut[] {
  const b = effectiveBindings(overrides);
  const rows: Shortcut[] = ACTIONS.map((id) => ({ id, keys: displayBinding(id, b[id]), label: SHORTCUT_LABELS[id] }));
  // Fixed keys, shown beside the binding they go with.
  for (const row of rows) {
    if (row.id === 'search') row.keys += ' · /';
    if (row.id === 'tick') row.keys += ' · Space / Enter';
  }
  return [...rows, { id: 'close', keys: 'Esc', label: SHORTCUT_LABELS.close }];
}

export const KEYMAP: readonly Shortcut[] = keymapFor();

/** Keys inside the search palette (fixed). */
export const PALETTE_KEYS: readonly { keys: string; label: MessageKey }[] = [
  { keys: '↑ / ↓', label: 'palette.keys.move' },
  { keys: 'Enter', label: 'palette.keys.enter' },
  { keys: 'Ctrl+Enter', label: 'palette.keys.copy' },
  { keys: 'Esc', label: 'palette.keys.close' },
];

export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || (target as HTMLElement).isContentEditable;
}

const tables = new WeakMap<Bindings, Map<string, Match>>();
let lastOverrides: Overrides | undefined;
let lastBindings: Bindings = effectiveBindings(undefined);

function tableFor(overrides: Overrides | undefined): Map<string, Match> {
  if (overrides !== lastOverrides) {
    lastOverrides = overrides;
    lastBindings = effectiveBindings(overrides);
  }
  let table = tables.get(lastBindings);
  if (!table) tables.set(lastBindings, (table = comboTable(lastBindings)));
  return table;
}

/**
 * The shortcut a keydown means, if any. Bare keys ("?", "/") only count outside text fields,
 * where they are typed text; Space/Enter on checkboxes are handled by the checkbox itself.
 */
export function matchShortcut(e: KeyboardEvent, overrides?: Overrides): ShortcutMatch | null {
  const combo = comboFromEvent(e);
  if (!combo) return null;
  if (combo === 'Esc') return { id: 'close' };
  const bare = !e.altKey && !e.ctrlKey && !e.metaKey;
  if (bare && isTyping(e.target)) return null;
  const hit = tableFor(overrides).get(combo);
  if (hit) return hit;
  return combo === '/' ? { id: 'search' } : null;
}

export type ShortcutHandlers = Partial<Record<ShortcutId, (match: ShortcutMatch) => void>>;

/**
 * Listen on the panel document while mounted. Each component handles the shortcuts it owns
 * (NavBar: next/back, PhraseCard: its number), so a shortcut acts only when its target is shown.
 * Keys forwarded from the CRM page (Options → page shortcuts) arrive through the store.
 */
export function useShortcuts(handlers: ShortcutHandlers): void {
  const store = useContext(StoreContext);
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const overrides = () => store?.getState().settings.shortcuts;
    const onKey = (e: KeyboardEvent) => {
      const match = matchShortcut(e, overrides());
      const handler = match && latest.current[match.id];
      if (!match || !handler) return;
      e.preventDefault();
      handler(match);
    };
    document.addEventListener('keydown', onKey);
    let seen = store?.getState().pageKey?.seq;
    const unsubscribe = store?.subscribe((s) => {
      if (!s.pageKey || s.pageKey.seq === seen) return;
      seen = s.pageKey.seq;
      const init = eventInitFor(s.pageKey.combo);
      // A key forwarded from the CRM page acts only while the panel is really shown, like a
      // click (lib/panel-page/visibility.ts): the agent must see what the key does.
      if (init && (visibilityGuard()?.allows() ?? true)) onKey(new KeyboardEvent('keydown', init));
    });
    return () => {
      document.removeEventListener('keydown', onKey);
      unsubscribe?.();
    };
  }, [store]);
}
