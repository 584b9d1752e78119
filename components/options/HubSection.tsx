/**
 * Options → Team hub (issue 11): join the team's hub with its address and the enrolment
 * token (or see the one managed policy set), the membership's status, and "What my team
 * lead sees" — every event exactly as it was sent. Enrolling asks for access to the hub's
 * site from the click, as subscribing to a pack URL does.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { HubView } from '@/lib/hub-client/state';
import type { OutboxView } from '@/lib/hub-client/views';
import { errorText } from '@/lib/options/errors';
import { ActionStatus } from './ActionStatus';
import { Field } from './Field';
import { HubErrorNotice, HubStatus } from './HubStatus';
import { HubOutbox } from './HubOutbox';
import { useOptions } from './options-context';
import { useAction } from './use-action';

export function HubSection() {
  const { t, lang, api, settings } = useOptions();
  const [view, setView] = useState<HubView>();
  const [rows, setRows] = useState<OutboxView[]>();
  const [loadError, setLoadError] = useState('');
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const { state, run } = useAction();

  const refresh = useCallback(async () => {
    try {
      const [v, r] = await Promise.all([api.hub.load(), api.hub.outbox()]);
      setView(v);
      setRows(r);
      setLoadError('');
    } catch (e) {
      setLoadError(errorText(e, lang));
    }
  }, [api, lang]);
  useEffect(() => void refresh(), [refresh]);

  const act = (work: () => Promise<HubView>) =>
    void run(async () => {
      setView(await work());
      setRows(await api.hub.outbox());
    });

  const enrol = (e: Event) => {
    e.preventDefault();
    act(async () => {
      const next = await api.hub.enrol(url.trim(), token.trim());
      if (next.enrolled) setToken('');
      return next;
    });
  };

  if (!view)
    return loadError ? (
      <p class="cc-o-notice cc-o-notice--error" role="alert">
        {loadError}
      </p>
    ) : (
      <p class="cc-o-muted" role="status">
        {t('options.loading')}
      </p>
    );

  return (
    <>
      <p class="cc-o-intro">{t('hub.intro')}</p>
      <section class="cc-o-card" aria-labelledby="cc-hub-title" data-testid="cc-hub">
        <h3 id="cc-hub-title">{t('hub.title')}</h3>
        {view.enrolled ? (
          <HubStatus view={view} onSend={() => act(api.hub.sendNow)} onLeave={() => act(api.hub.leave)} onGrant={(u) => act(() => api.hub.grantAccess(u))} />
        ) : view.policyUrl ? (
          <p class="cc-o-notice" data-testid="cc-hub-policy-pending">
            {t('hub.policyPending', { url: view.policyUrl })}
          </p>
        ) : (
          <form onSubmit={enrol} data-testid="cc-hub-form">
            {!settings.profile.agentId.trim() && (
              <p class="cc-o-notice" data-testid="cc-hub-no-agent-id">
                {t('hub.noAgentIdHint')}
              </p>
            )}
            <Field id="cc-hub-url" label={t('hub.url')} help={t('hub.urlHelp')}>
              <input type="text" spellcheck={false} value={url} onInput={(e) => setUrl(e.currentTarget.value)} data-testid="cc-hub-url" required />
            </Field>
            <Field id="cc-hub-token" label={t('hub.token')} help={t('hub.tokenHelp')}>
              <input type="password" autocomplete="off" value={token} onInput={(e) => setToken(e.currentTarget.value)} data-testid="cc-hub-token" required />
            </Field>
            <div class="cc-o-actions">
              <button type="submit" class="cc-o-btn cc-o-btn--primary" data-testid="cc-hub-enrol" disabled={state.phase === 'busy'}>
                {t('hub.enrol')}
              </button>
            </div>
          </form>
        )}
        {view.enrolError && !view.enrolled && <HubErrorNotice error={view.enrolError} testid="cc-hub-enrol-error" />}
        <ActionStatus state={state} testid="cc-hub-status-line" doneKey="hub.done" />
      </section>
      <HubOutbox rows={rows ?? []} onRefresh={() => void refresh()} />
    </>
  );
}
