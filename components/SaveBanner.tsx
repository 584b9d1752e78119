/** A failed write never blocks work: the run stays in memory, retries run, and Export is at hand. */
import { usePanel, usePanelStore } from '@/lib/store/use-store';
import { useT } from '@/lib/i18n/use-t';
import { useActions } from './actions';

export function SaveBanner() {
  const store = usePanelStore();
  const actions = useActions();
  const tr = useT();
  const saveError = usePanel((s) => s.saveError);
  return (
    <div class="cc-banner-region" aria-live="polite">
      {saveError && (
        // The technical cause goes in the tooltip; the agent needs to know their work is safe.
        <div class="cc-banner" data-testid="cc-save-error" title={saveError}>
          <p>{tr('save.error')}</p>
          <div class="cc-banner__actions">
            <button type="button" class="cc-btn cc-btn--small" onClick={() => void store.getState().retrySaves()}>
              {tr('save.retry')}
            </button>
            <button type="button" class="cc-btn cc-btn--small cc-btn--ghost" data-testid="cc-save-export" onClick={() => actions.exportData()}>
              {tr('save.export')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
