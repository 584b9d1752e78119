/** What changed in a pack version against the one the agent had: procedures, steps, phrases, checks. */
import type { ChangeSet } from '@/lib/distribution/views';
import { useT } from '@/lib/i18n/use-t';
import { ChangeEntry } from './ChangeEntry';
import './pack-updates.css';

export function WhatChanged({ change }: { change: ChangeSet }) {
  const tr = useT();
  const { diff } = change;
  return (
    <section class="cc-changes" data-testid="cc-what-changed" aria-label={tr('changes.title', { from: change.fromVersion, to: change.version })}>
      <h3 class="cc-section-title">{tr('changes.title', { from: change.fromVersion, to: change.version })}</h3>
      {diff.procedures.length === 0 && <p class="cc-muted">{tr('changes.none')}</p>}
      {diff.procedures.map((proc) => (
        <ChangeEntry key={proc.id} kind="procedure" entry={proc}>
          {proc.steps.map((step) => (
            <ChangeEntry key={step.id} kind="step" entry={step}>
              {step.phrases.map((p) => (
                <ChangeEntry key={p.id} kind="phrase" entry={p} />
              ))}
              {step.checklist.map((c) => (
                <ChangeEntry key={c.id} kind="check" entry={c} />
              ))}
            </ChangeEntry>
          ))}
        </ChangeEntry>
      ))}
    </section>
  );
}
