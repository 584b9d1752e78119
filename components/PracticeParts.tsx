/** The practice banner (every practice contact is clearly marked) and the scripted customer line. */
import type { Step } from '@/lib/pack/schema';
import { packKey } from '@/lib/store/panel-store';
import { usePanel } from '@/lib/store/use-store';
import { usePackText, useT } from '@/lib/i18n/use-t';

export function PracticeBanner() {
  const tr = useT();
  const practice = usePanel((s) => s.practice);
  if (!practice) return null;
  return (
    <p class="cc-banner cc-practice-banner" role="note" data-testid="cc-practice-banner">
      {tr('practice.banner')}
    </p>
  );
}

/** What the scenario's customer says at this step, if anything. */
export function CustomerLine({ runId, step }: { runId: string; step: Step }) {
  const tr = useT();
  const pt = usePackText();
  const line = usePanel((s) => {
    const meta = s.practiceRuns[runId];
    if (!meta?.scenarioId) return undefined;
    const procedure = s.packs[packKey(meta.packId, meta.version)]?.procedures.find((p) => p.id === meta.procedureId);
    return procedure?.scenarios?.find((sc) => sc.id === meta.scenarioId)?.lines.find((l) => l.step === step.id);
  });
  if (!line) return null;
  return (
    <blockquote class="cc-card cc-customer-line" data-testid="cc-customer-line">
      <strong>{tr('practice.customerSays')}: </strong>
      {pt(line.say)}
    </blockquote>
  );
}
