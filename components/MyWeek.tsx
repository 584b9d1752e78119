/**
 * "My week" (issue 13.5): the agent's average time per step over the last 7 days against the
 * pack's limits, as plain SVG (no chart library in the panel bundle). Loaded lazily by History,
 * so the panel's cold boot does not pay for it.
 */
import type { Run } from '@/lib/engine/run';
import { weekBars } from '@/lib/audit/week';
import { packKey } from '@/lib/store/pack-key';
import { usePanel } from '@/lib/store/use-store';
import { useLang, useT } from '@/lib/i18n/use-t';

const ROW = 22;
const LABEL = 110;
const WIDTH = 300;

export default function MyWeek({ runs }: { runs: Run[] }) {
  const tr = useT();
  const packs = usePanel((s) => s.packs);
  const latest = usePanel((s) => s.latest);
  const lang = useLang();
  const bars = weekBars(runs, (r) => packs[packKey(r.packId, r.packVersion)] ?? packs[packKey(r.packId, latest[r.packId] ?? 0)], lang, Date.now());
  if (!bars.length)
    return (
      <p class="cc-muted" data-testid="cc-week-empty">
        {tr('audit.weekEmpty')}
      </p>
    );
  const max = Math.max(1, ...bars.map((b) => Math.max(b.avgSec, b.limitSec ?? 0)));
  const x = (sec: number) => LABEL + (sec / max) * (WIDTH - LABEL - 30);
  return (
    <figure class="cc-week" data-testid="cc-week">
      <figcaption>{tr('audit.weekTitle')}</figcaption>
      <svg width={WIDTH} height={bars.length * ROW + 4} role="img" aria-label={tr('audit.weekTitle')}>
        {bars.map((b, i) => {
          const over = b.limitSec !== undefined && b.avgSec > b.limitSec;
          const label = tr('audit.weekRow', { step: b.title, avg: b.avgSec, count: b.count, limit: b.limitSec ?? tr('audit.noLimit') });
          return (
            <g key={b.key} data-testid="cc-week-bar" data-over={over ? 'true' : 'false'}>
              <title>{label}</title>
              <text x={0} y={i * ROW + 15} font-size="11">
                {b.title.length > 9 ? `${b.title.slice(0, 9)}…` : b.title}
              </text>
              <rect x={LABEL} y={i * ROW + 4} width={Math.max(1, x(b.avgSec) - LABEL)} height={14} fill={over ? '#c2410c' : '#2563eb'} />
              <text x={x(b.avgSec) + 3} y={i * ROW + 15} font-size="10">
                {b.avgSec}s
              </text>
              {b.limitSec !== undefined && <line x1={x(b.limitSec)} x2={x(b.limitSec)} y1={i * ROW + 1} y2={i * ROW + 21} stroke="#111" stroke-width={2} />}
            </g>
          );
        })}
      </svg>
      <p class="cc-muted">{tr('audit.weekLegend')}</p>
    </figure>
  );
}
