/**
 * Every shortcut from the effective keymap (the agent's overrides applied), in the UI
 * language, plus the palette's own keys. Esc (handled by Panel) closes it.
 */
import { useEffect, useRef } from 'preact/hooks';
import { usePanel } from '@/lib/store/use-store';
import { useT } from '@/lib/i18n/use-t';
import { keymapFor, PALETTE_KEYS } from './panel-shortcuts';

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const tr = useT();
  const overrides = usePanel((s) => s.settings.shortcuts);
  const closeRef = useRef<HTMLButtonElement>(null);
  // Focus moves into the dialog and back to where the agent was when it closes.
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    closeRef.current?.focus();
    return () => before?.focus?.();
  }, []);
  const rows = (list: readonly { keys: string; label: Parameters<typeof tr>[0] }[]) =>
    list.map((k) => (
      <tr key={k.label}>
        <th scope="row">
          <kbd>{k.keys}</kbd>
        </th>
        <td>{tr(k.label)}</td>
      </tr>
    ));
  return (
    <div class="cc-overlay" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div class="cc-dialog" role="dialog" aria-modal="true" aria-labelledby="cc-help-title" data-testid="cc-help">
        <div class="cc-dialog__head">
          <h2 id="cc-help-title">{tr('help.title')}</h2>
          <button type="button" class="cc-btn cc-btn--small" ref={closeRef} onClick={onClose}>
            {tr('help.close')}
          </button>
        </div>
        <table class="cc-keys">
          <tbody>{rows(keymapFor(overrides))}</tbody>
        </table>
        <h3 class="cc-section-title cc-keys__sub">{tr('help.palette')}</h3>
        <table class="cc-keys">
          <tbody>{rows(PALETTE_KEYS)}</tbody>
        </table>
        <p class="cc-muted cc-keys__note">{tr('help.configure')}</p>
      </div>
    </div>
  );
}
