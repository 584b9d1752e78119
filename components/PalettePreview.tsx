/**
 * What the selected result holds, read-only: a phrase as it would be inserted, a step's
 * guidance, phrases and checklist (also for steps the run has not reached), a procedure's outline.
 */
import type { Hit } from '@/lib/search';
import { usePackText, useT } from '@/lib/i18n/use-t';
import type { Target } from './palette-target';

export function PalettePreview({ hit, target, text }: { hit: Hit; target: Target; text: string }) {
  const tr = useT();
  const pt = usePackText();
  const { procedure, step, phrase } = target;
  let body;
  if (phrase) {
    body = (
      <>
        {phrase.label && <p class="cc-palette__label">{pt(phrase.label)}</p>}
        <p class="cc-phrase__text">{text}</p>
      </>
    );
  } else if (step) {
    body = (
      <>
        <h3 class="cc-palette__title">{pt(step.title)}</h3>
        {step.guidance && <p class="cc-guidance">{pt(step.guidance)}</p>}
        {(step.phrases?.length ?? 0) > 0 && (
          <ul class="cc-palette__sub" aria-label={tr('step.phrases')}>
            {step.phrases?.map((p) => (
              <li key={p.id}>{pt(p.text)}</li>
            ))}
          </ul>
        )}
        {(step.checklist?.length ?? 0) > 0 && (
          <ul class="cc-palette__sub cc-palette__checks" aria-label={tr('step.checklist')}>
            {step.checklist?.map((i) => (
              <li key={i.id}>
                {pt(i.text)}
                {i.required && <span class="cc-badge cc-badge--required">{tr('check.required')}</span>}
              </li>
            ))}
          </ul>
        )}
      </>
    );
  } else {
    body = (
      <>
        <h3 class="cc-palette__title">{pt(procedure.title)}</h3>
        {procedure.description && <p class="cc-guidance">{pt(procedure.description)}</p>}
        <ol class="cc-palette__sub">
          {procedure.steps.map((s) => (
            <li key={s.id}>{pt(s.title)}</li>
          ))}
        </ol>
      </>
    );
  }
  return (
    <section class="cc-palette__preview" aria-label={tr('palette.preview')} data-testid="cc-palette-preview" data-kind={hit.kind}>
      {body}
    </section>
  );
}
