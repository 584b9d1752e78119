/**
 * Add a follow-up from the run: the title is prefilled from the procedure and step — never the
 * run's label, which names the customer and must not outlive the browser session (follow-ups
 * are stored) — due in N minutes / hours or at a time of day. A refused entry keeps what was typed.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { computeDue, type DueSpec } from '@/lib/followups/due';
import { currentStep } from '@/lib/engine';
import { usePanelStore } from '@/lib/store/use-store';
import { usePackText, useT } from '@/lib/i18n/use-t';
import { useActiveRun } from './use-run';

type Unit = 'min' | 'h' | 'at';

export function FollowUpForm({ focus }: { focus: number }) {
  const store = usePanelStore();
  const tr = useT();
  const pt = usePackText();
  const active = useActiveRun();
  const step = active && currentStep(active.run, active.procedure);
  const prefill = active ? [pt(active.procedure.title), pt(step?.title)].filter(Boolean).join(' · ') : '';
  const [title, setTitle] = useState(prefill);
  const [unit, setUnit] = useState<Unit>('min');
  const [amount, setAmount] = useState('15');
  const [at, setAt] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);
  // A new contact or step: offer its title, unless the agent has typed their own.
  const lastPrefill = useRef(prefill);
  useEffect(() => {
    if (title === lastPrefill.current) setTitle(prefill);
    lastPrefill.current = prefill;
  }, [prefill]);
  useEffect(() => {
    if (focus) titleRef.current?.focus();
  }, [focus]);

  async function submit(e: Event) {
    e.preventDefault();
    if (!title.trim()) return setError(tr('followup.noTitle'));
    const spec: DueSpec = unit === 'at' ? { at } : { in: Number(amount), unit };
    const due = computeDue(spec, Date.now());
    if (!due.ok) return setError(tr(due.error === 'time' ? 'followup.badTime' : 'followup.badAmount'));
    const origin = active
      ? { runId: active.run.id, packId: active.run.packId, procedureId: active.run.procedureId, ...(step ? { stepId: step.id } : {}) }
      : undefined;
    setBusy(true);
    try {
      await store.getState().addFollowUp({ title: title.trim(), dueAt: due.dueAt, ...(origin ? { origin } : {}) });
      setError('');
    } catch (err) {
      setError(tr('followup.addFailed', { error: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    // noValidate: the form words its own errors, in the panel's language, instead of the browser's bubble.
    <form class="cc-followup-form" noValidate onSubmit={(e) => void submit(e)} aria-label={tr('followup.add')}>
      <input
        ref={titleRef}
        class="cc-input"
        data-testid="cc-followup-title"
        aria-label={tr('followup.title')}
        placeholder={tr('followup.title')}
        maxLength={200}
        value={title}
        onInput={(e) => setTitle(e.currentTarget.value)}
      />
      <div class="cc-followup-form__row">
        <select
          class="cc-select"
          data-testid="cc-followup-unit"
          aria-label={tr('followup.when')}
          value={unit}
          onChange={(e) => setUnit(e.currentTarget.value as Unit)}
        >
          <option value="min">{tr('followup.inMinutes')}</option>
          <option value="h">{tr('followup.inHours')}</option>
          <option value="at">{tr('followup.atTime')}</option>
        </select>
        {unit === 'at' ? (
          <input
            class="cc-input"
            type="time"
            data-testid="cc-followup-at"
            aria-label={tr('followup.atTime')}
            value={at}
            onInput={(e) => setAt(e.currentTarget.value)}
          />
        ) : (
          <input
            class="cc-input"
            type="number"
            min="1"
            step="any"
            data-testid="cc-followup-amount"
            aria-label={tr(unit === 'h' ? 'followup.inHours' : 'followup.inMinutes')}
            value={amount}
            onInput={(e) => setAmount(e.currentTarget.value)}
          />
        )}
        <button type="submit" class="cc-btn cc-btn--small cc-btn--primary" data-testid="cc-followup-add" disabled={busy}>
          {tr('followup.add')}
        </button>
      </div>
      {error && (
        <p class="cc-result cc-result--error" role="alert" data-testid="cc-followup-error">
          {error}
        </p>
      )}
    </form>
  );
}
