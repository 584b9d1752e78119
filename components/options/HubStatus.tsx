/** The team hub membership: where, as whom, last sent, what waits, what was refused, and why a send failed. */
import type { HubError, HubView } from '@/lib/hub-client/state';
import type { MessageKey } from '@/lib/i18n/translate';
import { useOptions } from './options-context';

const when = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toLocaleString());

export function HubErrorNotice({ error, testid }: { error: HubError; testid: string }) {
  const { t } = useOptions();
  return (
    <p class="cc-o-notice cc-o-notice--error" role="alert" data-testid={testid} data-code={error.code}>
      <strong>{t(`hub.error.${error.code}` as MessageKey)}</strong>
      <br />
      <small>{error.message}</small>
    </p>
  );
}

interface Props {
  view: HubView;
  onSend(): void;
  onLeave(): void;
  onGrant(url: string): void;
}

export function HubStatus({ view, onSend, onLeave, onGrant }: Props) {
  const { t } = useOptions();
  const e = view.enrolled!;
  return (
    <div
      data-testid="cc-hub-enrolled"
      data-agent={e.agentId}
      data-source={e.source}
      data-queued={view.queued}
      data-sent={view.sent}
      data-refused={view.refused}
    >
      <p>
        {t('hub.enrolled', { url: e.url, agentId: e.agentId, team: e.team })}{' '}
        {e.source === 'policy' && <span class="cc-o-tag cc-o-tag--policy">{t('options.byPolicy')}</span>}
      </p>
      <ul class="cc-o-bullets" data-testid="cc-hub-counts">
        <li data-testid="cc-hub-last-sent">{t('hub.lastSent', { when: when(e.lastSentAt) ?? t('hub.never') })}</li>
        <li data-testid="cc-hub-queued">{t('hub.queued', { count: view.queued })}</li>
        <li data-testid="cc-hub-sent">{t('hub.sent', { count: view.sent })}</li>
        {view.refused > 0 && <li data-testid="cc-hub-refused">{t('hub.refused', { count: view.refused })}</li>}
        {e.nextTryAt !== undefined && view.queued > 0 && <li>{t('hub.nextTry', { when: when(e.nextTryAt)! })}</li>}
      </ul>
      {e.overflow > 0 && (
        <p class="cc-o-notice cc-o-notice--error" role="alert" data-testid="cc-hub-full">
          {t('hub.full', { count: e.overflow, capacity: view.capacity })}
        </p>
      )}
      {e.lastError && <HubErrorNotice error={e.lastError} testid="cc-hub-error" />}
      {!view.hasAccess && (
        <p class="cc-o-notice">
          {t('hub.noAccess')}{' '}
          <button type="button" class="cc-o-btn cc-o-btn--small" onClick={() => onGrant(e.url)} data-testid="cc-hub-grant">
            {t('options.subs.grant')}
          </button>
        </p>
      )}
      <div class="cc-o-actions">
        <button type="button" class="cc-o-btn" onClick={onSend} data-testid="cc-hub-send">
          {t('hub.sendNow')}
        </button>
        {e.source === 'agent' && (
          <button type="button" class="cc-o-btn cc-o-btn--quiet" onClick={onLeave} data-testid="cc-hub-leave" title={t('hub.leaveHelp')}>
            {t('hub.leave')}
          </button>
        )}
      </div>
      {e.source === 'agent' && <p class="cc-o-help">{t('hub.leaveHelp')}</p>}
    </div>
  );
}
