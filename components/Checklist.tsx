/** The step's checklist: native checkboxes, so Space ticks and screen readers know the state. */
import type { Step } from '@/lib/pack/schema';
import { useT } from '@/lib/i18n/use-t';
import { ChecklistRow } from './ChecklistRow';

export function Checklist({ step }: { step: Step }) {
  const tr = useT();
  return (
    <fieldset class="cc-checklist">
      <legend class="cc-section-title">{tr('step.checklist')}</legend>
      <ul>
        {(step.checklist ?? []).map((item) => (
          <ChecklistRow key={item.id} item={item} />
        ))}
      </ul>
    </fieldset>
  );
}
