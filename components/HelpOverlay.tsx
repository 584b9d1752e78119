/** Every shortcut from the one keymap, in the UI language. Esc (handled by Panel) closes it. */
import { useEffect, useRef } from 'preact/hooks';
import { useT } from '@/lib/i18n/use-t';
import { KEYMAP } from './keymap';

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const tr = useT();
  const closeRef = useRef<HTMLButtonElement>(null);
  // Focus moves into the dialog and back to where the agent was when it closes.
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    closeRef.current?.focus();
    return () => before?.focus?.();
  }, []);
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
          <tbody>
            {KEYMAP.map((k) => (
              <tr key={k.id}>
                <th scope="row">
                  <kbd>{k.keys}</kbd>
                </th>
                <td>{tr(k.label)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
