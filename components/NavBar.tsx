/**
 * Back and Next (Finish on an end step). Next looks disabled when the engine would refuse it,
 * but stays clickable: the click is how a new hire learns what is missing.
 */
import { currentStep, isEnd, whyNot } from '@/lib/engine';
import type { AgentEvent } from '@/lib/store/run-slice';
import { usePanel, usePanelStore } from '@/lib/store/use-store';
import { useLang, useT } from '@/lib/i18n/use-t';
import { describeBlocked } from './blocked-text';
import { useShortcuts } from './panel-shortcuts';
import { useActiveRun } from './use-run';
import { useBinding } from './use-binding';
import { Icon } from './Icon';

export function NavBar() {
  const backKeys = useBinding('back');
  const nextKeys = useBinding('next');
  const store = usePanelStore();
  const tr = useT();
  const lang = useLang();
  const active = useActiveRun();
  const blocked = usePanel((s) => s.blocked);
  const go = (event: AgentEvent) => store.getState().dispatch(event);
  const step = active && currentStep(active.run, active.procedure);
  const end = step ? isEnd(step) : false;
  const primary: AgentEvent = end ? { type: 'finish' } : { type: 'next' };
  useShortcuts({ next: () => go(primary), back: () => go({ type: 'back' }) });
  if (!active) return null;

  // A probe: `at` does not affect whether an event is allowed.
  const primaryRefused = whyNot(active.run, { ...primary, at: 0 }, active.ctx) !== null;
  const backRefused = whyNot(active.run, { type: 'back', at: 0 }, active.ctx) !== null;
  const message = blocked ? describeBlocked(blocked, active.procedure, lang) : null;

  return (
    <footer class="cc-nav">
      {/* Always present, so screen readers announce a refusal the moment it appears. */}
      <div class="cc-nav__why" aria-live="assertive">
        {message && (
          <p class="cc-blocked" data-testid="cc-blocked">
            {message}
          </p>
        )}
      </div>
      <div class="cc-nav__buttons">
        <button
          type="button"
          class="cc-btn"
          data-testid="cc-back"
          aria-disabled={backRefused ? 'true' : undefined}
          aria-keyshortcuts={backKeys}
          title={backKeys}
          onClick={() => go({ type: 'back' })}
        >
          <Icon name="back" />
          {tr('nav.back')}
        </button>
        <button
          type="button"
          class="cc-btn cc-btn--primary"
          data-testid={end ? 'cc-finish' : 'cc-next'}
          aria-disabled={primaryRefused ? 'true' : undefined}
          aria-keyshortcuts={nextKeys}
          title={nextKeys}
          onClick={() => go(primary)}
        >
          {tr(end ? 'nav.finish' : 'nav.next')}
          {!end && <Icon name="next" />}
        </button>
      </div>
    </footer>
  );
}
