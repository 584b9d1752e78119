/**
 * "What my team lead sees": every event queued for, sent to or refused by the team hub,
 * newest first, as the exact JSON that crosses the wire — so an agent can check, without
 * developer tools, that nothing of a customer's is in it.
 */
import type { OutboxView } from '@/lib/hub-client/views';
import { useOptions } from './options-context';

const at = (ms: number | undefined) => (ms === undefined ? '—' : new Date(ms).toLocaleString());

export function HubOutbox({ rows, onRefresh }: { rows: OutboxView[]; onRefresh(): void }) {
  const { t } = useOptions();
  return (
    <section class="cc-o-card" aria-labelledby="cc-hub-sees-title" data-testid="cc-hub-sees" id="sees">
      <h3 id="cc-hub-sees-title">{t('hub.sees.title')}</h3>
      <p class="cc-o-help">{t('hub.sees.intro')}</p>
      <div class="cc-o-actions">
        <button type="button" class="cc-o-btn cc-o-btn--small" onClick={onRefresh} data-testid="cc-hub-sees-refresh">
          {t('hub.sees.refresh')}
        </button>
      </div>
      {rows.length === 0 ? (
        <p class="cc-o-empty">{t('hub.sees.empty')}</p>
      ) : (
        <ol class="cc-o-list">
          {rows.map((r) => (
            <li
              key={r.event.id}
              class="cc-o-list__row cc-o-list__row--stack"
              data-testid="cc-hub-event"
              data-id={r.event.id}
              data-type={r.event.type}
              data-state={r.state}
            >
              <div class="cc-o-list__line">
                <span class={`cc-o-tag${r.state === 'refused' ? '' : ' cc-o-tag--quiet'}`}>{t(`hub.state.${r.state}`)}</span>
                <span class="cc-o-help">{t('hub.sees.times', { queued: at(r.queuedAt), sent: at(r.sentAt) })}</span>
              </div>
              {r.problem && (
                <p class="cc-o-notice cc-o-notice--error" data-testid="cc-hub-event-problem">
                  {t('hub.sees.problem', { problem: r.problem })}
                </p>
              )}
              <pre class="cc-o-json" data-testid="cc-hub-event-json">
                {JSON.stringify(r.event, null, 2)}
              </pre>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
