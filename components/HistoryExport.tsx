/**
 * A finished contact's audit timeline (issue 13.5) as CSV or JSON: steps with times, ticks,
 * skips and reasons, the pack version and guard overrides, masked (lib/audit/timeline.ts).
 */
import type { Run } from '@/lib/engine/run';
import { auditTimeline, timelineCsv } from '@/lib/audit/timeline';
import { packKey } from '@/lib/store/pack-key';
import { usePanel } from '@/lib/store/use-store';
import { useLang, useT } from '@/lib/i18n/use-t';
import { useActions } from './actions';

export function HistoryExport({ run }: { run: Run }) {
  const actions = useActions();
  const tr = useT();
  const packs = usePanel((s) => s.packs);
  const lang = useLang();
  const save = (format: 'csv' | 'json') => {
    const timeline = auditTimeline(run, packs[packKey(run.packId, run.packVersion)], lang);
    const name = `cuecard-audit-${run.id}.${format}`;
    if (format === 'csv') actions.downloadFile(name, timelineCsv(timeline), 'text/csv;charset=utf-8');
    else actions.downloadFile(name, `${JSON.stringify(timeline, null, 2)}\n`, 'application/json');
  };
  return (
    <span class="cc-history__export">
      <button type="button" class="cc-btn cc-btn--small cc-btn--ghost" data-testid={`cc-export-csv-${run.id}`} onClick={() => save('csv')}>
        {tr('audit.exportCsv')}
      </button>
      <button type="button" class="cc-btn cc-btn--small cc-btn--ghost" data-testid={`cc-export-json-${run.id}`} onClick={() => save('json')}>
        {tr('audit.exportJson')}
      </button>
    </span>
  );
}
