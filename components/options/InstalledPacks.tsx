/** The packs installed, each with its version and where it came from, and importing a pack file. */
import { useState } from 'preact/hooks';
import { t as packText } from '@/lib/pack/text';
import { errorText } from '@/lib/options/errors';
import { Field } from './Field';
import { useOptions } from './options-context';

type ImportState = { phase: 'idle' | 'busy' } | { phase: 'done'; text: string } | { phase: 'error'; text: string };

export function InstalledPacks() {
  const { t, lang, api, packs, setPacks } = useOptions();
  const [state, setState] = useState<ImportState>({ phase: 'idle' });
  const importFile = (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    setState({ phase: 'busy' });
    file
      .text()
      .then((text) => api.importPack(text))
      .then(
        (meta) => {
          setPacks([...packs.filter((x) => x.id !== meta.id), meta]);
          setState({ phase: 'done', text: t('options.packs.imported', { id: meta.id, version: meta.version }) });
        },
        (err: unknown) => setState({ phase: 'error', text: errorText(err, lang) }),
      )
      // The same file can be chosen again after fixing it.
      .finally(() => (input.value = ''));
  };
  return (
    <section class="cc-o-card" aria-labelledby="cc-opt-packs-title">
      <h3 id="cc-opt-packs-title">{t('options.packs.installed')}</h3>
      {packs.length === 0 ? (
        <p class="cc-o-empty">{t('options.packs.empty')}</p>
      ) : (
        <ul class="cc-o-list" data-testid="cc-opt-packs">
          {packs.map((p) => (
            <li key={p.id} class="cc-o-list__row">
              <span class="cc-o-list__main">
                <strong>{packText(p.title, lang)}</strong>
                <code>{p.id}</code>
              </span>
              <span class="cc-o-tag">{t('options.packs.version', { version: p.version })}</span>
              <span class="cc-o-tag cc-o-tag--quiet">{t(`options.packs.source.${p.source}`)}</span>
            </li>
          ))}
        </ul>
      )}
      <Field
        id="cc-opt-import"
        label={t('options.packs.import')}
        help={t('options.packs.importHelp')}
        after={
          <label for="cc-opt-import" class="cc-o-btn">
            {t('options.packs.choose')}
          </label>
        }
      >
        {/* The browser's own file button speaks the browser's language, not the page's: it is
            hidden (still focusable) behind a button-styled label in the page's language. */}
        <input type="file" class="cc-o-file" accept=".json,application/json" data-testid="cc-opt-import" onChange={importFile} />
      </Field>
      <div class="cc-o-actions cc-o-actions--status">
        {/* The live region stays in the page, so the next result is announced too. */}
        <span class={`cc-o-status cc-o-status--${state.phase}`} role="status" aria-live="polite" data-testid="cc-opt-import-status">
          {state.phase === 'busy' ? t('options.packs.importing') : state.phase === 'done' ? state.text : ''}
        </span>
        {state.phase === 'error' && (
          <p class="cc-o-status cc-o-status--error" role="alert" data-testid="cc-opt-error">
            {state.text}
          </p>
        )}
      </div>
    </section>
  );
}
