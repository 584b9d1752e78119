/** The planned route with status icons; done steps are links back (goto). */
import { useEffect, useRef } from 'preact/hooks';
import { plannedRoute, stepById, stepStatus, type StepStatus } from '@/lib/engine';
import { usePanelStore } from '@/lib/store/use-store';
import { usePackText, useT } from '@/lib/i18n/use-t';
import { useActiveRun } from './use-run';
import { Icon, type IconName } from './Icon';

const ICON: Record<StepStatus, IconName> = {
  done: 'check',
  current: 'current',
  locked: 'lock',
  upcoming: 'upcoming',
  'skipped-branch': 'dash',
};

export function StepList() {
  const store = usePanelStore();
  const tr = useT();
  const pt = usePackText();
  const active = useActiveRun();
  const currentRef = useRef<HTMLLIElement>(null);
  const pathLength = active?.run.path.length ?? 0;
  useEffect(() => currentRef.current?.scrollIntoView?.({ block: 'nearest' }), [pathLength]);
  if (!active) return null;
  const { run, procedure } = active;
  const last = run.path.length - 1;

  // By position, not id: in a loop a step can be both behind and ahead of the agent.
  const statusAt = (id: string, i: number): StepStatus => {
    if (i < last) return 'done';
    if (i === last) return run.status === 'finished' ? 'done' : 'current';
    return stepStatus(run, procedure, id) === 'locked' ? 'locked' : 'upcoming';
  };

  return (
    <nav class="cc-steplist" aria-label={tr('steps.label')}>
      <ol>
        {plannedRoute(run, procedure).map((id, i) => {
          const status = statusAt(id, i);
          const title = pt(stepById(procedure, id)?.title) || id;
          const tip = status === 'locked' ? tr('steps.locked') : undefined;
          const content = (
            <>
              <Icon name={ICON[status]} />
              <span class="cc-steplist__title">{title}</span>
              <span class="cc-sr">{`(${tr(`status.${status}`)}${tip ? `: ${tip}` : ''})`}</span>
            </>
          );
          return (
            <li
              key={`${i}:${id}`}
              ref={status === 'current' ? currentRef : undefined}
              class={`cc-steplist__item cc-steplist__item--${status}`}
              data-testid={`cc-steplist-${id}`}
              data-status={status}
              title={tip}
              aria-current={status === 'current' ? 'step' : undefined}
            >
              {status === 'done' && run.status === 'open' ? (
                <button type="button" class="cc-steplist__btn" onClick={() => store.getState().dispatch({ type: 'goto', stepId: id })}>
                  {content}
                </button>
              ) : (
                <span class="cc-steplist__btn">{content}</span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
