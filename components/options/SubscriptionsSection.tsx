/**
 * Pack subscriptions: the administrator's (read-only) and the agent's, each with its last
 * check; subscribing (access to the pack's site is asked from the click) and "Check now".
 */
import { useState } from 'preact/hooks';
import type { WithView } from '@/lib/options/api';
import { errorText } from '@/lib/options/errors';
import { checkPackUrl } from '@/lib/options/validate';
import type { SubscriptionsView } from '@/lib/distribution/views';
import { ActionStatus } from './ActionStatus';
import { Field } from './Field';
import { useOptions } from './options-context';
import { SubscriptionRow } from './SubscriptionRow';
import { useAction } from './use-action';

export interface ViewProps {
  view: SubscriptionsView;
  setView(view: SubscriptionsView): void;
}

export function SubscriptionsSection({ view, setView }: ViewProps) {
  const { t, lang, api, settings, setSettings } = useOptions();
  const [url, setUrl] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  // Two lines of status: a removal or a grant is "saved", a check is "checked".
  const { state, run } = useAction();
  const check = useAction();
  const apply = (r: SubscriptionsView | WithView) => {
    if (!('view' in r)) return setView(r);
    setView(r.view);
    setSettings(r.settings);
  };
  const act = (work: () => Promise<SubscriptionsView | WithView>) => void run(async () => apply(await work()));

  const subscribe = async (e: Event) => {
    e.preventDefault();
    const checked = checkPackUrl(url);
    if (!checked.ok) return setError(errorText(checked.problem, lang));
    setBusy(true);
    try {
      apply(await api.subscriptions.subscribe(checked.value, settings.subscriptions));
      setUrl('');
      setError('');
    } catch (err) {
      setError(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="cc-o-card" aria-labelledby="cc-opt-subs-title" data-testid="cc-subscriptions">
      <h3 id="cc-opt-subs-title">{t('options.subs.heading')}</h3>
      <p class="cc-o-help">{t('options.subs.intro')}</p>
      {view.locked && (
        <p class="cc-o-notice" data-testid="cc-sub-locked">
          {t('options.subs.locked')}
        </p>
      )}
      {view.problems.length > 0 && (
        <p class="cc-o-notice cc-o-notice--error" role="alert">
          {t('options.subs.problems', { list: view.problems.join('; ') })}
        </p>
      )}
      {view.subscriptions.length === 0 ? (
        <p class="cc-o-empty">{t('options.subs.empty')}</p>
      ) : (
        <ul class="cc-o-list">
          {view.subscriptions.map((s) => (
            <SubscriptionRow
              key={s.url}
              sub={s}
              onRemove={view.locked || s.source !== 'agent' ? undefined : () => act(() => api.subscriptions.unsubscribe(s.url, settings.subscriptions))}
              onGrant={() => act(() => api.subscriptions.grantAccess(s.url))}
            />
          ))}
        </ul>
      )}
      <div class="cc-o-actions cc-o-actions--status">
        <ActionStatus state={state} testid="cc-sub-saved" />
      </div>
      {/* Nothing to check without an address. */}
      {view.subscriptions.length > 0 && (
        <div class="cc-o-actions">
          <button
            type="button"
            class="cc-o-btn"
            data-testid="cc-sub-check"
            onClick={() => void check.run(async () => apply(await api.subscriptions.checkNow()))}
          >
            {t('options.subs.checkNow')}
          </button>
          <ActionStatus state={check.state} testid="cc-sub-status-line" doneKey="options.subs.checked" />
        </div>
      )}
      {!view.locked && (
        <form class="cc-o-form cc-o-form--split" onSubmit={subscribe} noValidate>
          <Field id="cc-sub-url" label={t('options.subs.url')} help={t('options.subs.urlHelp')} error={error}>
            <input
              type="text"
              inputMode="url"
              spellcheck={false}
              data-testid="cc-sub-url"
              value={url}
              onInput={(e) => (setUrl(e.currentTarget.value), setError(''))}
            />
          </Field>
          <div class="cc-o-actions">
            <button type="submit" class="cc-o-btn cc-o-btn--primary" data-testid="cc-sub-add" disabled={busy}>
              {t('options.subs.add')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
