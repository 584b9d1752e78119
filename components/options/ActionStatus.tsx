/** The state of one save, beside its button: "Saving…", "Saved ✓", or what failed and Retry. */
import type { MessageKey } from '@/lib/i18n/translate';
import type { ActionState } from './use-action';
import { useOptions } from './options-context';

interface Props {
  state: ActionState;
  testid: string;
  /** What "done" says; "Saved ✓" unless the action is not a save. */
  doneKey?: MessageKey;
}

export function ActionStatus({ state, testid, doneKey = 'options.saved' }: Props) {
  const { t } = useOptions();
  if (state.phase === 'error') {
    return (
      <div class="cc-o-status cc-o-status--error" role="alert" data-testid={`${testid}-error`}>
        <span>{t('options.failed', { error: state.error })}</span>
        <button type="button" class="cc-o-btn cc-o-btn--small" onClick={state.retry} data-testid={`${testid}-retry`}>
          {t('options.retry')}
        </button>
      </div>
    );
  }
  return (
    <span class={`cc-o-status cc-o-status--${state.phase}`} role="status" aria-live="polite" data-testid={testid} data-phase={state.phase}>
      {state.phase === 'busy' ? t('options.saving') : state.phase === 'done' ? t(doneKey) : ''}
    </span>
  );
}
