/** The branch at this step: one button per choice; a choice into an identity-gated step shows a lock. */
import { canChoose, isIdentityVerified, stepById } from '@/lib/engine';
import type { Step } from '@/lib/pack/schema';
import { usePanelStore } from '@/lib/store/use-store';
import { usePackText, useT } from '@/lib/i18n/use-t';
import { useActiveRun } from './use-run';
import { Icon } from './Icon';

export function Choices({ step }: { step: Step }) {
  const store = usePanelStore();
  const tr = useT();
  const pt = usePackText();
  const active = useActiveRun();
  if (!active) return null;
  const { run, procedure, ctx } = active;
  const verified = isIdentityVerified(run, procedure);

  return (
    <div class="cc-choices" role="group" aria-labelledby="cc-choices-title">
      <p class="cc-section-title" id="cc-choices-title">
        {tr('step.choices')}
      </p>
      {(step.choices ?? []).map((choice) => {
        const locked = stepById(procedure, choice.next)?.requiresIdentity === true && !verified;
        // aria-disabled, not disabled: a refused click must still say why (NavBar shows it).
        const refused = !canChoose(run, choice.id, ctx);
        return (
          <button
            key={choice.id}
            type="button"
            class={`cc-choice${locked ? ' cc-choice--locked' : ''}`}
            data-testid={`cc-choice-${choice.id}`}
            data-locked={locked ? 'true' : undefined}
            aria-disabled={refused ? 'true' : undefined}
            title={locked ? tr('choice.locked') : undefined}
            onClick={() => store.getState().dispatch({ type: 'choose', choiceId: choice.id })}
          >
            {locked && <Icon name="lock" />}
            <span>{pt(choice.label)}</span>
            {locked && <span class="cc-sr">{` (${tr('choice.locked')})`}</span>}
          </button>
        );
      })}
    </div>
  );
}
