/**
 * Options → Follow-ups: every follow-up, where a due notification leads (options.html#followups).
 * Open ones first; done ones on request. Refreshed while the page is shown, since the options
 * page has no port to the background.
 */
import { useEffect, useState } from 'preact/hooks';
import { sortFollowUps } from '@/lib/followups/due';
import type { FollowUp, FollowUpChange } from '@/lib/followups/schema';
import { errorText } from '@/lib/options/errors';
import { FollowUpRow } from '../FollowUpRow';
import { useOptions } from './options-context';
import '../tools.css';

export function FollowUpsSection() {
  const { t, lang, api } = useOptions();
  const [list, setList] = useState<FollowUp[] | null>(null);
  const [error, setError] = useState('');
  const [showDone, setShowDone] = useState(false);
  const [now, setNow] = useState(() => Date.now());

  const load = () =>
    api.followUps.list().then(
      (l) => (setList(l), setError(''), setNow(Date.now())),
      (e: unknown) => setError(t('followup.loadFailed', { error: errorText(e, lang) })),
    );
  useEffect(() => {
    void load();
    const id = setInterval(() => document.visibilityState === 'visible' && void load(), 15_000);
    // A notification click focuses this tab: show what is due now, not 15 s ago.
    const onShow = () => void load();
    window.addEventListener('focus', onShow);
    return () => {
      clearInterval(id);
      window.removeEventListener('focus', onShow);
    };
  }, [api]);

  const shown = sortFollowUps((list ?? []).filter((f) => showDone || f.status === 'open'));
  const change = async (id: string, c: FollowUpChange) => {
    try {
      await api.followUps.change(id, c);
    } catch (e) {
      setError(errorText(e, lang));
    }
    await load();
  };
  return (
    <>
      <p class="cc-o-intro">{t('options.followups.intro')}</p>
      <section class="cc-o-card" data-testid="cc-opt-followups">
        {error && (
          <div class="cc-o-notice cc-o-notice--error" role="alert">
            {error}{' '}
            <button type="button" class="cc-o-btn cc-o-btn--small" onClick={() => void load()}>
              {t('options.retry')}
            </button>
          </div>
        )}
        {list === null && !error && (
          <p class="cc-o-muted" role="status">
            {t('options.loading')}
          </p>
        )}
        {list !== null && shown.length === 0 && <p class="cc-o-empty">{t('followup.empty')}</p>}
        {shown.length > 0 && (
          <ul class="cc-followups__list">
            {shown.map((f) => (
              <FollowUpRow key={f.id} f={f} now={now} tr={t} onChange={(c) => change(f.id, c)} />
            ))}
          </ul>
        )}
        <label class="cc-o-choice cc-o-choice--inline">
          <input type="checkbox" checked={showDone} onChange={(e) => setShowDone(e.currentTarget.checked)} />
          <span>{t('followup.showDone')}</span>
        </label>
      </section>
    </>
  );
}
