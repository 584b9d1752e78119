/** The current step: title, source, timing, guidance, then phrases, checklist and choices. */
import { useEffect, useRef } from 'preact/hooks';
import { currentStep } from '@/lib/engine';
import { usePackText, useT } from '@/lib/i18n/use-t';
import { useActiveRun } from './use-run';
import { Countdown } from './Countdown';
import { PhraseCard } from './PhraseCard';
import { Checklist } from './Checklist';
import { Choices } from './Choices';
import { ContextFields } from './ContextFields';
import { ShowMe } from './ShowMe';
import { IntakeRecord } from './IntakeRecord';
import { useAckGate } from './AckGate';
import { TickShortcut } from './TickShortcut';
import { Guidance, useGuidance } from './Guidance';
import { CustomerLine } from './PracticeParts';
import { packKey } from '@/lib/store/panel-store';
import { usePanel } from '@/lib/store/use-store';

export function StepView() {
  const tr = useT();
  const pt = usePackText();
  const active = useActiveRun();
  const ackGate = useAckGate();
  const titleRef = useRef<HTMLHeadingElement>(null);
  // The button that moved us here (a choice, Start) may be gone: give keyboard users a place to be.
  useEffect(() => {
    if (document.activeElement === document.body || !document.activeElement) titleRef.current?.focus();
  }, []);
  const pack = usePanel((s) => (active ? s.packs[packKey(active.run.packId, active.run.packVersion)] : undefined));
  const step = active && currentStep(active.run, active.procedure);
  // Hooks before any early return: the guidance state of the current step (lib/coaching).
  const guidance = useGuidance(active?.run, pack, step);
  if (!active) return null;
  const { run } = active;
  if (!step)
    return (
      <p class="cc-notice" role="alert">
        {tr('step.missing')}
      </p>
    );
  if (ackGate) return ackGate;

  const enteredAt = run.path[run.path.length - 1]?.at ?? run.createdAt;
  const phrases = (step.phrases ?? []).filter((p) => !run.channel || !p.channels || p.channels.includes(run.channel));
  const collapsed = guidance?.collapsed === true && !guidance.requested;

  return (
    <section class="cc-step" aria-labelledby="cc-step-title">
      <h2 id="cc-step-title" class="cc-step__title" data-testid="cc-step-title" tabIndex={-1} ref={titleRef}>
        {pt(step.title)}
      </h2>
      <div class="cc-step__meta">
        {step.source && <span class="cc-tag">{tr('step.source', { section: step.source })}</span>}
        {step.addition && (
          <span class="cc-tag cc-tag--addition" title={tr('step.additionHint')}>
            {tr('step.addition')}
          </span>
        )}
        {step.timeLimitSec !== undefined && run.status === 'open' && <Countdown enteredAt={enteredAt} limitSec={step.timeLimitSec} />}
      </div>
      <CustomerLine runId={run.id} step={step} />
      <ContextFields />
      <Guidance run={run} step={step} state={guidance} />
      {!collapsed && <ShowMe step={step} />}
      {phrases.length > 0 && (
        <div class="cc-phrases" role="group" aria-label={tr('step.phrases')}>
          {phrases.map((phrase, i) => (
            <PhraseCard key={phrase.id} phrase={phrase} n={i + 1} />
          ))}
        </div>
      )}
      <IntakeRecord step={step} />
      {(step.checklist?.length ?? 0) > 0 && <Checklist step={step} />}
      <TickShortcut step={step} />
      {(step.choices?.length ?? 0) > 0 && <Choices step={step} />}
    </section>
  );
}
