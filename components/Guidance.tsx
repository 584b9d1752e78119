/**
 * A step's guidance, fading per agent (issue 13.3): full until the step has been done cleanly
 * `fadeAfter` times in a row, then collapsed to the essentials with a line that says why;
 * back after a mistake, a wording change in a release, or on request. New hires always see it.
 */
import { useEffect } from 'preact/hooks';
import { fadeAfterOf, guidanceState, type GuidanceState as FadeState } from '@/lib/coaching/fade';

/** The fade state, and whether the agent asked for the full guidance of a collapsed step. */
export type GuidanceState = FadeState & { requested: boolean };
import type { Pack, Step } from '@/lib/pack/schema';
import { coachingKey } from '@/lib/store/coaching-slice';
import { usePanel, usePanelStore } from '@/lib/store/use-store';
import { usePackText, useT } from '@/lib/i18n/use-t';
import type { Run } from '@/lib/engine/run';

/** The guidance state of the step, loading the counts it needs; undefined until they are here. */
export function useGuidance(run: Run | undefined, pack: Pick<Pack, 'coaching'> | undefined, step: Step | undefined | null): GuidanceState | undefined {
  const store = usePanelStore();
  const key = run ? coachingKey(run.packId, run.packVersion, run.procedureId) : '';
  const stats = usePanel((s) => (key ? s.coachingStats[key] : undefined));
  const fullAsked = usePanel((s) => Boolean(run && step && s.fullGuidance[`${run.procedureId}/${step.id}`]));
  const newHire = usePanel((s) => s.settings.mode === 'newHire');
  useEffect(() => {
    if (run && !stats) void store.getState().loadCoaching(run.packId, run.packVersion, run.procedureId);
  }, [stats, key]);
  if (!run || !step || !stats) return undefined;
  const stat = stats[step.id];
  const state = guidanceState(stat, fadeAfterOf(pack ?? {}, step), { newHire, changed: stat?.changed ?? false });
  return { ...state, requested: fullAsked && state.collapsed };
}

export function Guidance({ run, step, state }: { run: Run; step: Step; state: GuidanceState | undefined }) {
  const tr = useT();
  const pt = usePackText();
  const store = usePanelStore();
  const requested = state?.requested === true;
  if (!step.guidance) return null;
  const collapsed = state?.collapsed === true && !requested;
  const toggle = () => store.getState().toggleFullGuidance(run.procedureId, step.id);
  const why = !state ? null : requested && state.collapsed ? tr('fade.requested') : reasonText(tr, state);
  return (
    <div
      class="cc-guidance-box"
      data-testid="cc-guidance"
      data-fade={collapsed ? 'collapsed' : 'expanded'}
      data-reason={requested && state?.collapsed ? 'requested' : state?.reason}
    >
      {!collapsed && <p class="cc-guidance">{pt(step.guidance)}</p>}
      {why && (
        <p class="cc-muted cc-fade-why" data-testid="cc-fade-why">
          {why}
        </p>
      )}
      {state?.collapsed && (
        <button type="button" class="cc-link" data-testid="cc-fade-toggle" aria-expanded={!collapsed} onClick={toggle}>
          {tr(collapsed ? 'fade.show' : 'fade.hide')}
        </button>
      )}
    </div>
  );
}

type Tr = ReturnType<typeof useT>;
function reasonText(tr: Tr, s: GuidanceState): string | null {
  switch (s.reason) {
    case 'faded':
      return tr('fade.collapsed', { count: s.streak });
    case 'learning':
      return tr('fade.learning', { count: s.streak, needed: s.needed });
    case 'mistake':
      return tr('fade.mistake');
    case 'changed':
      return tr('fade.changed');
    case 'newHire':
      return tr('fade.newHire');
    case 'never':
      return null;
  }
}
