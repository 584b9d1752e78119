/**
 * One follow-up: what, when (clock time and how far off), and Done / Snooze. Shared by the
 * panel and the options page, so it takes its strings and actions as props (no store).
 */
import { useState } from 'preact/hooks';
import { isDue, minutesUntil } from '@/lib/followups/due';
import type { FollowUp, FollowUpChange } from '@/lib/followups/schema';
import type { TFunction } from '@/lib/i18n/use-t';
import { clockTime } from './format';

export const SNOOZE_MINUTES = 10;

interface Props {
  f: FollowUp;
  now: number;
  tr: TFunction;
  onChange(change: FollowUpChange): Promise<void>;
}

function when(f: FollowUp, now: number, tr: TFunction): string {
  const mins = minutesUntil(f.dueAt, now);
  // Further off than today: the date too, so "09:00" is not mistaken for this morning.
  const sameDay = new Date(f.dueAt).toDateString() === new Date(now).toDateString();
  const at = sameDay ? clockTime(f.dueAt) : `${new Date(f.dueAt).toLocaleDateString()} ${clockTime(f.dueAt)}`;
  if (f.status === 'done') return tr('followup.doneAt', { at });
  if (mins > 0) return tr('followup.dueIn', { at, minutes: mins });
  return mins === 0 ? tr('followup.dueNow', { at }) : tr('followup.overdue', { at, minutes: -mins });
}

export function FollowUpRow({ f, now, tr, onChange }: Props) {
  const [error, setError] = useState('');
  const due = isDue(f, now);
  const act = (change: FollowUpChange) =>
    void onChange(change).then(
      () => setError(''),
      (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
    );
  return (
    <li
      class={`cc-followup${due ? ' cc-followup--due' : ''}${f.status === 'done' ? ' cc-followup--done' : ''}`}
      data-testid={`cc-followup-${f.id}`}
      data-due={due ? 'true' : 'false'}
      data-status={f.status}
    >
      <div class="cc-followup__main">
        <span class="cc-followup__title">{f.title}</span>
        <span class="cc-followup__when">
          {due && <span class="cc-badge cc-badge--required">{tr('followup.due')}</span>} {when(f, now, tr)}
        </span>
      </div>
      <div class="cc-followup__actions">
        {f.status === 'open' ? (
          <>
            <button type="button" class="cc-btn cc-btn--small" data-testid={`cc-followup-done-${f.id}`} onClick={() => act({ action: 'done' })}>
              {tr('followup.done')}
            </button>
            <button
              type="button"
              class="cc-btn cc-btn--small cc-btn--ghost"
              data-testid={`cc-followup-snooze-${f.id}`}
              onClick={() => act({ action: 'snooze', minutes: SNOOZE_MINUTES })}
            >
              {tr('followup.snooze', { minutes: SNOOZE_MINUTES })}
            </button>
          </>
        ) : (
          <button type="button" class="cc-btn cc-btn--small cc-btn--ghost" onClick={() => act({ action: 'reopen' })}>
            {tr('followup.reopen')}
          </button>
        )}
        <button type="button" class="cc-btn cc-btn--small cc-btn--ghost" data-testid={`cc-followup-delete-${f.id}`} onClick={() => act({ action: 'delete' })}>
          {tr('followup.delete')}
        </button>
      </div>
      {error && (
        <p class="cc-result cc-result--error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
