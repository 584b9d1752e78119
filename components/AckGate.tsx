/**
 * A step whose phrases changed since the version the agent knew: the new wording (as a
 * diff) and "I've read the new wording" come first; the step itself after. Fails open: if
 * the updates cannot be loaded the step shows, since blocking agents is worse than a miss.
 */
import { useEffect } from 'preact/hooks';
import type { Run } from '@/lib/engine/run';
import { currentStep } from '@/lib/engine';
import type { Step } from '@/lib/pack/schema';
import { pendingForStep, type PhraseChange } from '@/lib/distribution/acks';
import { packKey } from '@/lib/store/panel-store';
import { usePanel, usePanelStore } from '@/lib/store/use-store';
import { usePackText, useT } from '@/lib/i18n/use-t';
import { useActiveRun } from './use-run';
import { ChangeEntry } from './ChangeEntry';
import './pack-updates.css';

/** What StepView shows instead of the step while changed phrases wait for the agent; null when none do. */
export function useAckGate() {
  const store = usePanelStore();
  const tr = useT();
  const active = useActiveRun();
  const run = active?.run;
  const change = usePanel((s) => (run ? s.packUpdates?.changes[packKey(run.packId, run.packVersion)] : undefined));
  const settled = usePanel((s) => s.packUpdates !== undefined || s.packUpdatesError !== undefined);
  useEffect(() => {
    if (!settled) void store.getState().loadPackUpdates();
  }, [settled]);
  const practice = usePanel((s) => s.practice);
  const step = active && currentStep(active.run, active.procedure);
  // Practice (and the drill itself) is where new wording is learnt: no gate there.
  if (!run || !step || run.status !== 'open' || practice) return null;
  // Until the background answers we cannot tell: show nothing rather than a phrase to unsee.
  if (!settled)
    return (
      <p class="cc-muted" role="status">
        {tr('app.loading')}
      </p>
    );
  const pending = pendingForStep(change?.diff, run.procedureId, step.id, change?.acked ?? {});
  return pending.length ? <AckGate run={run} step={step} pending={pending} /> : null;
}

export function AckGate({ run, step, pending }: { run: Run; step: Step; pending: PhraseChange[] }) {
  const store = usePanelStore();
  const tr = useT();
  const pt = usePackText();
  const ackError = usePanel((s) => s.ackError);
  const drillRequired = usePanel((s) => s.packs[packKey(run.packId, run.packVersion)]?.coaching?.requireDrill === true);
  const ack = () =>
    void store.getState().ackPhrases(
      run.packId,
      run.packVersion,
      run.procedureId,
      pending.map((c) => c.phrase.id),
    );
  return (
    <section class="cc-ack" data-testid="cc-ack-gate" aria-labelledby="cc-ack-title">
      <h2 class="cc-step__title">{pt(step.title)}</h2>
      <div class="cc-ack__box">
        <h3 id="cc-ack-title" class="cc-ack__title">
          {tr('ack.title')}
        </h3>
        <p class="cc-muted">{tr('ack.hint')}</p>
        {pending.map((c) => (
          <ChangeEntry key={c.phrase.id} kind="phrase" entry={c.phrase} />
        ))}
        {ackError && (
          <p class="cc-notice" role="alert">
            {tr('ack.error', { error: ackError })}
          </p>
        )}
        {drillRequired ? (
          <>
            <p class="cc-muted" data-testid="cc-drill-required">
              {tr('drill.required')}
            </p>
            <button type="button" class="cc-btn cc-btn--primary" data-testid="cc-open-practice" onClick={() => void store.getState().openPractice()}>
              {tr('drill.start')}
            </button>
          </>
        ) : (
          <button type="button" class="cc-btn cc-btn--primary" data-testid="cc-ack" onClick={ack}>
            {tr('ack.confirm')}
          </button>
        )}
      </div>
    </section>
  );
}
