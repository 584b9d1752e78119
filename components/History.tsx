/** Finished contacts, newest first, fetched through the injected actions when opened. */
import { useEffect, useState } from 'preact/hooks';
import type { Run } from '@/lib/engine/run';
import { usePanel } from '@/lib/store/use-store';
import { usePackText, useT } from '@/lib/i18n/use-t';
import { useActions } from './actions';
import { clockTime } from './format';
import { procedureOf } from './use-run';
import { HistoryDelete } from './HistoryDelete';
import { HistoryExport } from './HistoryExport';
import { h, type FunctionComponent } from 'preact';

/** "My week" is loaded only when asked for: the panel's cold boot does not carry the chart. */
type WeekView = FunctionComponent<{ runs: Run[] }>;

type Load = { status: 'loading' } | { status: 'error'; error: string } | { status: 'ok'; runs: Run[] };

export function History() {
  const actions = useActions();
  const tr = useT();
  const pt = usePackText();
  const packs = usePanel((s) => s.packs);
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [week, setWeek] = useState<WeekView | 'loading' | null>(null);
  const showWeek = () => {
    if (week) return setWeek(null);
    setWeek('loading');
    void import('./MyWeek').then(
      (m) => setWeek(() => m.default),
      () => setWeek(null),
    );
  };
  useEffect(() => {
    let live = true;
    actions.loadHistory().then(
      (runs) => live && setLoad({ status: 'ok', runs: [...runs].sort((a, b) => (b.finishedAt ?? 0) - (a.finishedAt ?? 0)) }),
      (err: unknown) => live && setLoad({ status: 'error', error: err instanceof Error ? err.message : String(err) }),
    );
    return () => void (live = false);
  }, []);

  return (
    <section class="cc-history" aria-labelledby="cc-history-title" aria-busy={load.status === 'loading'}>
      <h2 id="cc-history-title" class="cc-section-title">
        {tr('history.title')}
      </h2>
      {load.status === 'ok' && (
        <button type="button" class="cc-btn cc-btn--small cc-btn--ghost" data-testid="cc-my-week" aria-expanded={!!week} onClick={showWeek}>
          {tr('audit.myWeek')}
        </button>
      )}
      {week === 'loading' && <p class="cc-muted">{tr('audit.loading')}</p>}
      {week && week !== 'loading' && load.status === 'ok' && h(week, { runs: load.runs })}
      {load.status === 'loading' && <p class="cc-muted">{tr('history.loading')}</p>}
      {load.status === 'error' && (
        <p class="cc-notice" role="alert">
          {tr('history.error', { error: load.error })}
        </p>
      )}
      {load.status === 'ok' && load.runs.length === 0 && <p class="cc-muted">{tr('history.empty')}</p>}
      {load.status === 'ok' && load.runs.length > 0 && (
        <ul class="cc-history__list">
          {load.runs.map((run) => {
            const skips = Object.keys(run.skips).length;
            return (
              <li key={run.id} class="cc-history__item" data-testid={`cc-history-${run.id}`}>
                <span class="cc-history__title">{pt(procedureOf(packs, run)?.title) || run.procedureId}</span>
                {run.label && <span class="cc-history__label">{run.label}</span>}
                <span class="cc-muted">
                  {run.channel ? `${tr(`channel.${run.channel}` as const)} · ` : ''}
                  {clockTime(run.createdAt)}–{run.finishedAt ? clockTime(run.finishedAt) : ''}
                </span>
                {skips > 0 && <span class="cc-badge cc-badge--required">{tr('history.skips', { count: skips })}</span>}
                <HistoryExport run={run} />
                <HistoryDelete runId={run.id} onDeleted={() => setLoad({ status: 'ok', runs: load.runs.filter((r) => r.id !== run.id) })} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
