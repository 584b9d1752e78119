/**
 * The command palette: opened with Ctrl+K (configurable), "/" outside text fields, or the
 * header's search button. Always mounted, so the shortcut works from any panel view; it
 * announces what the last action did after the dialog has closed.
 */
import { useState } from 'preact/hooks';
import { usePanel, usePanelStore } from '@/lib/store/use-store';
import { useShortcuts } from './panel-shortcuts';
import { PaletteDialog } from './PaletteDialog';
import './tools.css';

export function SearchPalette() {
  const store = usePanelStore();
  const open = usePanel((s) => s.paletteOpen);
  const [status, setStatus] = useState('');
  useShortcuts({
    search: () => {
      setStatus('');
      store.getState().setPaletteOpen(true);
    },
  });
  const close = (message?: string) => {
    store.getState().setPaletteOpen(false);
    setStatus(message ?? '');
  };
  return (
    <>
      <p class="cc-sr-only" role="status" aria-live="polite" data-testid="cc-palette-status">
        {status}
      </p>
      {open && <PaletteDialog onClose={close} />}
    </>
  );
}
