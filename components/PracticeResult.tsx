/** The result screen of a practice contact or drill: what the SOP checks, each passed or missed. */
import type { CheckId } from '@/lib/coaching/score';
import type { MessageKey } from '@/lib/i18n/translate';
import { usePanel, usePanelStore } from '@/lib/store/use-store';
import { useT } from '@/lib/i18n/use-t';

const LABEL: Record<CheckId, MessageKey> = {
  verify: 'practice.check.verify',
  wording: 'practice.check.wording',
  required: 'practice.check.required',
  time: 'practice.check.time',
};

export function PracticeResult() {
  const store = usePanelStore();
  const tr = useT();
  const result = usePanel((s) => s.practiceResult);
  if (!result) return null;
  const { score, drill, meta } = result;
  return (
    <section class="cc-scroll cc-practice-result" data-testid="cc-practice-result" aria-labelledby="cc-result-title">
      <h2 id="cc-result-title" class="cc-step__title" tabIndex={-1}>
        {tr(meta.kind === 'drill' ? 'practice.drillResultTitle' : 'practice.resultTitle')}
      </h2>
      <p data-testid="cc-practice-score">{tr('practice.score', { score: score.score, max: score.max })}</p>
      <ul>
        {score.checks.map((c) => (
          <li key={c.id} data-testid={`cc-check-${c.id}`} data-pass={String(c.pass)}>
            {tr(LABEL[c.id])}: <strong>{tr(c.pass ? 'practice.pass' : 'practice.fail')}</strong>
            {!c.pass && <span class="cc-muted"> ({c.steps.join(', ')})</span>}
          </li>
        ))}
      </ul>
      {drill?.acked && (
        <p class="cc-notice" role="status" data-testid="cc-drill-acked">
          {tr('drill.acked')}
        </p>
      )}
      {drill?.error && (
        <p class="cc-notice" role="alert">
          {drill.error}
        </p>
      )}
      <button type="button" class="cc-btn cc-btn--primary" data-testid="cc-practice-again" onClick={() => store.getState().closePracticeResult()}>
        {tr('practice.again')}
      </button>
    </section>
  );
}
