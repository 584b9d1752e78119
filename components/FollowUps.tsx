/**
 * Follow-ups at the foot of the panel: a one-line bar with how many are open and due, which
 * opens to the list and the add form. The background notifies when one falls due; this list
 * turns it red at the same moment.
 */
import { useEffect, useState } from 'preact/hooks';
import { isDue, sortFollowUps } from '@/lib/followups/due';
import { usePanel, usePanelStore } from '@/lib/store/use-store';
import { useT } from '@/lib/i18n/use-t';
import { useShortcuts } from './panel-shortcuts';
import { FollowUpForm } from './FollowUpForm';
import { FollowUpRow } from './FollowUpRow';
import './tools.css';

/** Re-render at the next due time (and each minute, for the "in N min" labels). */
function useNow(nextDue: number | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const tick = () => setNow(Date.now());
    const minute = setInterval(tick, 60_000);
    const wait = nextDue === undefined ? undefined : Math.min(Math.max(0, nextDue - Date.now()) + 50, 2 ** 31 - 1);
    const atDue = wait === undefined ? undefined : setTimeout(tick, wait);
    return () => {
      clearInterval(minute);
      clearTimeout(atDue);
    };
  }, [nextDue]);
  return now;
}

export function FollowUps() {
  const store = usePanelStore();
  const tr = useT();
  const all = usePanel((s) => s.followUps);
  const error = usePanel((s) => s.followUpsError);
  const [open, setOpen] = useState(false);
  const [focus, setFocus] = useState(0);
  useEffect(() => void store.getState().loadFollowUps(), [store]);
  const list = sortFollowUps(all.filter((f) => f.status === 'open'));
  const now = useNow(list.find((f) => f.dueAt > Date.now())?.dueAt);
  const due = list.filter((f) => isDue(f, now)).length;
  useShortcuts({
    followUp: () => {
      setOpen(true);
      setFocus((n) => n + 1);
    },
  });

  return (
    <section class="cc-followups" data-testid="cc-followups" aria-label={tr('followup.heading')}>
      <button type="button" class="cc-followups__bar" data-testid="cc-followups-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span>{tr('followup.heading')}</span>
        <span class="cc-muted">{list.length}</span>
        {due > 0 && (
          <span class="cc-chip cc-chip--due" data-testid="cc-followups-due">
            {tr('followup.dueCount', { count: due })}
          </span>
        )}
      </button>
      {open && (
        <div class="cc-followups__body">
          <FollowUpForm focus={focus} />
          {error && (
            <p class="cc-result cc-result--error" role="alert">
              {tr('followup.loadFailed', { error })}
            </p>
          )}
          {list.length === 0 ? (
            <p class="cc-muted">{tr('followup.empty')}</p>
          ) : (
            <ul class="cc-followups__list">
              {list.map((f) => (
                <FollowUpRow key={f.id} f={f} now={now} tr={tr} onChange={(change) => store.getState().changeFollowUp(f.id, change)} />
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
