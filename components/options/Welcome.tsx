/**
 * The first-run welcome (options.html#welcome, opened on install): profile, CRM site, pack.
 * Each step can be skipped; a step the administrator's policy already set (pack URLs) is
 * marked so and passed over. Everything is saved as it goes, so closing the tab loses nothing.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useOptions } from './options-context';
import { ProfileForm } from './ProfileForm';
import { WelcomeDone } from './WelcomeDone';
import { WelcomePack } from './WelcomePack';
import { WelcomeProgress } from './WelcomeProgress';
import { WelcomeSite } from './WelcomeSite';
import { nextStep, previousStep, STEPS, type Outcome, type Outcomes } from './welcome-steps';

export function Welcome({ go }: { go(hash: string): void }) {
  const { t, api } = useOptions();
  const [step, setStep] = useState(0);
  const [outcomes, setOutcomes] = useState<Outcomes>({});
  const [managedCount, setManagedCount] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = t('welcome.title');
    // Policy pack URLs: the administrator chose the packs; that step is not the agent's to do.
    api.subscriptions.load().then(
      (view) => {
        const count = view.subscriptions.filter((s) => s.source === 'policy').length;
        setManagedCount(count);
        if (count) setOutcomes((o) => ({ ...o, pack: 'managed' }));
      },
      // Without the view the step is simply offered: subscribing there reports its own errors.
      () => undefined,
    );
  }, [api]);
  // Each step's heading takes the focus, so a screen reader announces where the agent is.
  useEffect(() => heading.current?.focus(), [step]);

  const id = STEPS[step];
  const finish = (outcome: Outcome) => {
    if (!id) return;
    const next = { ...outcomes, [id]: outcome };
    setOutcomes(next);
    setStep(nextStep(step, next));
  };
  const back = previousStep(step, outcomes);

  return (
    <div class="cc-w-page">
      <main class="cc-w-card" aria-labelledby="cc-welcome-title" data-testid="cc-welcome">
        <header class="cc-w-head">
          <span class="cc-o-logo" aria-hidden="true">
            C
          </span>
          <div>
            <h1 id="cc-welcome-title">{t('welcome.title')}</h1>
            <p class="cc-o-help">{t('welcome.intro')}</p>
          </div>
        </header>
        <WelcomeProgress current={step} outcomes={outcomes} />
        <section class="cc-w-body" aria-labelledby="cc-welcome-step-title">
          <h2 id="cc-welcome-step-title" tabIndex={-1} ref={heading}>
            {id ? t(`welcome.step.${id}`) : t('welcome.done.title')}
          </h2>
          {id === 'profile' && (
            <ProfileForm submitLabel={t('welcome.continue')} onSaved={() => finish('done')}>
              <button type="button" class="cc-o-btn cc-o-btn--link" onClick={() => finish('skipped')} data-testid="cc-welcome-skip">
                {t('welcome.skip')}
              </button>
            </ProfileForm>
          )}
          {id === 'site' && <WelcomeSite onNext={() => finish('done')} onSkip={() => finish('skipped')} />}
          {id === 'pack' && <WelcomePack onNext={() => finish('done')} onSkip={() => finish('skipped')} />}
          {!id && <WelcomeDone go={go} />}
          {managedCount > 0 && (!id || id === 'pack') && (
            <p class="cc-o-notice" data-testid="cc-welcome-managed">
              {t('welcome.pack.managed', { count: managedCount })}
            </p>
          )}
        </section>
        {back !== step && (
          <button type="button" class="cc-o-btn cc-o-btn--link cc-w-back" onClick={() => setStep(back)} data-testid="cc-welcome-back">
            ‹ {t('welcome.back')}
          </button>
        )}
      </main>
    </div>
  );
}
