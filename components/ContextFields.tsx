/**
 * The customer fields read from the CRM page for the active contact, masked, with a button to
 * read the page again. Reads on its own when the contact or step changes and when the agent
 * comes back to the panel (they may have just typed the name into the CRM).
 */
import { useEffect } from 'preact/hooks';
import { packFields } from '@/lib/context/pack-context';
import { packKey } from '@/lib/store/panel-store';
import { usePanel, usePanelStore } from '@/lib/store/use-store';
import { usePackText, useT } from '@/lib/i18n/use-t';
import { useActiveRun } from './use-run';
import { MaskedValue } from './MaskedValue';
import './context.css';

/** Reads the page for `key` now, when `deps` change, and when the panel frame gets the focus. */
export function usePageReader(key: string | undefined, packId: string | undefined, version: number | undefined, deps: unknown[] = []) {
  const store = usePanelStore();
  useEffect(() => {
    if (!key || !packId || !version) return;
    const read = () => void store.getState().readContext(key, packId, version);
    read();
    window.addEventListener('focus', read);
    return () => window.removeEventListener('focus', read);
  }, [store, key, packId, version, ...deps]);
}

export function ContextFields() {
  const store = usePanelStore();
  const tr = useT();
  const pt = usePackText();
  const active = useActiveRun();
  const run = active?.run;
  const pack = usePanel((s) => (run ? s.packs[packKey(run.packId, run.packVersion)] : undefined));
  const captured = usePanel((s) => (run ? s.captured[run.id] : undefined));
  const hasSites = (pack?.sites?.length ?? 0) > 0;
  usePageReader(hasSites ? run?.id : undefined, run?.packId, run?.packVersion, [run?.path.length]);
  if (!run || !pack || !hasSites) return null;

  const fields = packFields(pack).filter((f) => captured?.fields.includes(f.id));
  if (captured && !fields.length && !captured.error) return null; // not a page this pack knows
  const refresh = () => void store.getState().readContext(run.id, run.packId, run.packVersion);

  return (
    <section class="cc-context" data-testid="cc-context" aria-label={tr('context.title')}>
      <div class="cc-context__head">
        <h3 class="cc-section-title">{tr('context.title')}</h3>
        <button
          type="button"
          class="cc-icon-btn"
          data-testid="cc-context-refresh"
          title={tr('context.refresh')}
          aria-label={tr('context.refresh')}
          onClick={refresh}
        >
          <span aria-hidden="true">↻</span>
        </button>
      </div>
      {!captured && <p class="cc-muted">{tr('context.reading')}</p>}
      {fields.length > 0 && (
        <dl class="cc-context__list">
          {fields.map((f) => {
            const value = captured?.values[f.id];
            return (
              <div key={f.id} class="cc-context__row">
                <dt>{pt(f.name)}</dt>
                <dd>
                  {value ? (
                    <MaskedValue id={f.id} value={value} mask={f.mask ?? 'text'} />
                  ) : (
                    <span class="cc-muted" data-testid={`cc-field-${f.id}`}>
                      {tr('context.notFound')}
                    </span>
                  )}
                </dd>
              </div>
            );
          })}
        </dl>
      )}
      {captured?.error && (
        <p class="cc-hint" role="alert">
          {tr('context.error', { error: captured.error })}
        </p>
      )}
    </section>
  );
}
