/** The header's search button: opens the palette (the mouse way to what Ctrl+K does). */
import { usePanel, usePanelStore } from '@/lib/store/use-store';
import { useT } from '@/lib/i18n/use-t';
import { displayBinding, effectiveBindings } from '@/lib/shortcuts/keymap';

export function SearchButton() {
  const store = usePanelStore();
  const tr = useT();
  const overrides = usePanel((s) => s.settings.shortcuts);
  const keys = displayBinding('search', effectiveBindings(overrides).search);
  return (
    <button
      type="button"
      class="cc-icon-btn"
      data-testid="cc-search-open"
      onClick={() => store.getState().setPaletteOpen(true)}
      aria-label={tr('palette.open')}
      aria-keyshortcuts={keys}
      title={`${tr('palette.open')} (${keys})`}
    >
      <svg class="cc-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
        <path d="M7 2.75a4.25 4.25 0 1 0 0 8.5 4.25 4.25 0 0 0 0-8.5z M10.2 10.2l3.3 3.3" />
      </svg>
    </button>
  );
}
