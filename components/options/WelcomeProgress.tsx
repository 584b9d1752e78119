/** The welcome's step list: where the agent is (aria-current), and what became of each step. */
import { NavIcon } from './NavIcon';
import { useOptions } from './options-context';
import { STEPS, type Outcomes } from './welcome-steps';

export function WelcomeProgress({ current, outcomes }: { current: number; outcomes: Outcomes }) {
  const { t } = useOptions();
  const shown = Math.min(current + 1, STEPS.length);
  return (
    <div class="cc-w-progress">
      <p class="cc-w-progress__count" data-testid="cc-welcome-progress">
        {current < STEPS.length ? t('welcome.progress', { step: shown, total: STEPS.length }) : t('welcome.step.done')}
      </p>
      <ol class="cc-w-steps" aria-label={t('welcome.steps')}>
        {STEPS.map((id, i) => {
          const outcome = outcomes[id];
          return (
            <li
              key={id}
              class={`cc-w-step${i === current ? ' cc-w-step--current' : ''}${outcome ? ` cc-w-step--${outcome}` : ''}`}
              aria-current={i === current ? 'step' : undefined}
              data-testid={`cc-welcome-step-${id}`}
              data-outcome={outcome ?? ''}
            >
              <span class="cc-w-step__dot" aria-hidden="true">
                {outcome === 'done' || outcome === 'managed' ? <NavIcon name="check" /> : i + 1}
              </span>
              <span class="cc-w-step__text">
                <span>{t(`welcome.step.${id}`)}</span>
                {outcome && <small>{t(`welcome.state.${outcome}`)}</small>}
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
