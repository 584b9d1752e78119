/** One pack address: whose it is, its last check and next one, why a release was refused, and access. */
import type { SubscriptionView } from '@/lib/distribution/views';
import { MESSAGES, type MessageKey } from '@/lib/i18n/translate';
import { useOptions } from './options-context';

const when = (ms: number | undefined) => (ms === undefined ? '—' : new Date(ms).toLocaleString());

interface Props {
  sub: SubscriptionView;
  onRemove?(): void;
  onGrant(): void;
}

export function SubscriptionRow({ sub, onRemove, onGrant }: Props) {
  const { t } = useOptions();
  const s = sub.state;
  const status = s?.status ?? 'new';
  const reasonKey = s?.lastError && (`packs.reason.${s.lastError.code}` as MessageKey);
  // The reason in the page's language; the verifier's own sentence follows it.
  const reason = reasonKey && reasonKey in MESSAGES.en ? t(reasonKey) : s?.lastError?.code;
  const details = [
    t(`options.subs.status.${status}`),
    s?.packId &&
      `${t('options.subs.pack', { id: s.packId, version: s.version ?? '?' })}${s.sequence ? ` ${t('options.subs.release', { sequence: s.sequence })}` : ''}`,
    t('options.subs.lastChecked', { when: when(s?.lastFetchAt) }),
    t('options.subs.nextCheck', { when: when(s?.nextAt) }),
  ].filter(Boolean);
  return (
    <li class="cc-o-list__row cc-o-list__row--stack" data-testid="cc-sub" data-url={sub.url} data-status={status} data-checked={s?.lastFetchAt}>
      <div class="cc-o-list__line">
        <code class="cc-o-list__main">{sub.url}</code>
        {sub.source === 'policy' && <span class="cc-o-tag cc-o-tag--policy">{t('options.byPolicy')}</span>}
        {sub.source === 'hub' && <span class="cc-o-tag cc-o-tag--policy">{t('hub.byHub')}</span>}
        {onRemove && (
          <button type="button" class="cc-o-btn cc-o-btn--quiet" onClick={onRemove}>
            {t('options.remove')}
          </button>
        )}
      </div>
      <div class={`cc-o-help cc-o-sub--${status}`} data-testid="cc-sub-status">
        {details.join(' · ')}
      </div>
      {s?.lastError && (
        <p class="cc-o-notice cc-o-notice--error" data-testid="cc-sub-error" data-code={s.lastError.code} role="alert">
          <strong>{reason}</strong>
          <br />
          <small>{s.lastError.message}</small>
        </p>
      )}
      {!sub.hasAccess && (
        <p class="cc-o-notice">
          {t('options.subs.noAccess')}{' '}
          <button type="button" class="cc-o-btn cc-o-btn--small" onClick={onGrant}>
            {t('options.subs.grant')}
          </button>
        </p>
      )}
    </li>
  );
}
