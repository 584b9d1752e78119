/** Open contacts (an agent may hold several chats at once), plus New contact and History. */
import type { Run } from '@/lib/engine/run';
import { usePanel, usePanelStore } from '@/lib/store/use-store';
import { usePackText, useT } from '@/lib/i18n/use-t';
import { clockTime } from './format';
import { procedureOf } from './use-run';
import { useBinding } from './use-binding';
import type { PanelView } from './Panel';

/** Oldest first: the order Alt+R cycles through and the list shows. */
export function openRunsInOrder(runs: Record<string, Run>): Run[] {
  return Object.values(runs)
    .filter((r) => r.status === 'open')
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

export function RunSwitcher({ onNavigate }: { onNavigate: (view: PanelView) => void }) {
  const store = usePanelStore();
  const tr = useT();
  const pt = usePackText();
  const nextRunKeys = useBinding('nextRun');
  const newRunKeys = useBinding('newRun');
  const runs = usePanel((s) => s.runs);
  const activeId = usePanel((s) => s.activeRunId);
  const packs = usePanel((s) => s.packs);
  const list = openRunsInOrder(runs);
  const hasActive = list.some((r) => r.id === activeId);

  const name = (run: Run) => {
    const base = run.label || pt(procedureOf(packs, run)?.title) || run.procedureId;
    const channel = run.channel ? ` · ${tr(`channel.${run.channel}` as const)}` : '';
    return `${base}${channel} · ${clockTime(run.createdAt)}`;
  };
  const go = (runId: string | undefined) => {
    store.getState().switchRun(runId);
    onNavigate('run');
  };

  return (
    <div class="cc-runs" data-testid="cc-runs">
      {list.length > 0 && (
        <select
          class="cc-select"
          aria-label={tr('runs.label')}
          title={`${tr('runs.label')} (${nextRunKeys})`}
          value={hasActive ? (activeId ?? '') : ''}
          onChange={(e) => go(e.currentTarget.value || undefined)}
        >
          {!hasActive && <option value="">{tr('runs.none')}</option>}
          {list.map((run) => (
            <option key={run.id} value={run.id}>
              {name(run)}
            </option>
          ))}
        </select>
      )}
      <button type="button" class="cc-btn cc-btn--small" data-testid="cc-new-run" title={newRunKeys} onClick={() => go(undefined)}>
        + {tr('runs.new')}
      </button>
      <button type="button" class="cc-btn cc-btn--small cc-btn--ghost" data-testid="cc-history-open" onClick={() => onNavigate('history')}>
        {tr('runs.history')}
      </button>
    </div>
  );
}
