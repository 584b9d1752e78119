/**
 * Delete one finished contact from History. Deleting takes along everything the run owns —
 * its kept page values and its follow-ups — so the agent is asked first, told how many
 * follow-ups go with it (counted by the background at the click).
 */
import { useState } from 'preact/hooks';
import { useT } from '@/lib/i18n/use-t';
import { useActions } from './actions';

type Step = { at: 'idle' } | { at: 'asking'; followUps: number } | { at: 'busy' } | { at: 'error'; error: string };

export function HistoryDelete({ runId, onDeleted }: { runId: string; onDeleted(): void }) {
  const actions = useActions();
  const tr = useT();
  const [step, setStep] = useState<Step>({ at: 'idle' });
  const fail = (err: unknown) => setStep({ at: 'error', error: err instanceof Error ? err.message : String(err) });

  const ask = () => {
    setStep({ at: 'busy' });
    actions.runOwns(runId).then(({ followUps }) => setStep({ at: 'asking', followUps }), fail);
  };
  const confirm = () => {
    setStep({ at: 'busy' });
    actions.deleteRun(runId).then(onDeleted, fail);
  };

  if (step.at === 'asking') {
    return (
      <div class="cc-history__confirm" role="alertdialog" aria-labelledby={`cc-del-${runId}`} data-testid={`cc-history-confirm-${runId}`}>
        <p id={`cc-del-${runId}`}>{step.followUps ? tr('history.deleteAskFollowUps', { count: step.followUps }) : tr('history.deleteAsk')}</p>
        <button type="button" class="cc-btn cc-btn--small cc-btn--danger" data-testid={`cc-history-confirm-delete-${runId}`} onClick={confirm}>
          {tr('history.deleteConfirm')}
        </button>{' '}
        <button type="button" class="cc-btn cc-btn--small" onClick={() => setStep({ at: 'idle' })}>
          {tr('history.deleteCancel')}
        </button>
      </div>
    );
  }
  return (
    <span>
      <button type="button" class="cc-btn cc-btn--small" data-testid={`cc-history-delete-${runId}`} disabled={step.at === 'busy'} onClick={ask}>
        {tr('history.delete')}
      </button>
      {step.at === 'error' && <span role="alert"> {tr('history.deleteFailed', { error: step.error })}</span>}
    </span>
  );
}
