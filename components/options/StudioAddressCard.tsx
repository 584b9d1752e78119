/**
 * Options → Anchors → Studio address (issue 12): the one origin whose Cuecard Studio page may
 * ask this browser to pick CRM elements and save masked snapshots. Access to it is asked for
 * at the click; a web page anywhere else gets nothing (lib/messaging/sender.ts `studio`).
 */
import { useEffect, useState } from 'preact/hooks';
import { errorText } from '@/lib/options/errors';
import { useOptions } from './options-context';

export function StudioAddressCard() {
  const { t, lang, api } = useOptions();
  const [origin, setOrigin] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState('');
  useEffect(() => void api.studio.origin().then(setOrigin, () => undefined), [api]);

  const apply = async (url: string | null) => {
    setError('');
    if (url !== null && !/^https?:\/\/[^/\s]+/i.test(url.trim())) return setError(t('options.studio.bad', { url }));
    try {
      setOrigin(await api.studio.setOrigin(url === null ? null : url.trim()));
      setDraft('');
    } catch (e) {
      setError(errorText(e, lang));
    }
  };

  return (
    <section class="cc-o-card" aria-labelledby="cc-opt-studio-title">
      <h2 id="cc-opt-studio-title">{t('options.studio.title')}</h2>
      <p class="cc-o-muted">{t('options.studio.hint')}</p>
      <p role="status" data-testid="cc-opt-studio-current">
        {origin ? t('options.studio.current', { origin }) : t('options.studio.none')}
      </p>
      <form
        class="cc-o-actions"
        onSubmit={(e) => {
          e.preventDefault();
          void apply(draft);
        }}
      >
        <label>
          {t('options.studio.address')}{' '}
          <input
            type="url"
            data-testid="cc-opt-studio-address"
            value={draft}
            placeholder="https://hub.example.com/studio/"
            onInput={(e) => setDraft((e.target as HTMLInputElement).value)}
          />
        </label>
        <button type="submit" class="cc-o-btn" data-testid="cc-opt-studio-save" disabled={!draft.trim()}>
          {t('options.studio.save')}
        </button>
        {origin && (
          <button type="button" class="cc-o-btn" data-testid="cc-opt-studio-remove" onClick={() => void apply(null)}>
            {t('options.studio.remove')}
          </button>
        )}
      </form>
      {error && (
        <p class="cc-o-notice cc-o-notice--error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
