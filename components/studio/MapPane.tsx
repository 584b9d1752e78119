/**
 * Map: one procedure's steps and branches as an SVG graph, from the source (so it works
 * while the pack does not compile). Unreachable steps and dead ends are marked in the graph
 * and listed below it in words, for screen readers and for the lead's to-do list.
 */
import { useMemo, useState } from 'preact/hooks';
import { analyseProcedure, type MapNode } from '@/lib/studio/map-graph';
import { readProcedures } from '@/lib/studio/source-model';
import type { StudioPaneProps } from '@/lib/studio/contract';
import { studioT } from '@/lib/i18n/studio-t';
import { ProcedureSelect } from './ProcedureSelect';

const W = 170;
const H = 44;
const GAP_X = 60;
const GAP_Y = 18;
const x = (n: MapNode) => 10 + n.column * (W + GAP_X);
const y = (n: MapNode) => 10 + n.row * (H + GAP_Y);
const clip = (s: string) => (s.length > 22 ? `${s.slice(0, 21)}…` : s);

export function MapPane({ files, lang }: StudioPaneProps) {
  const t = studioT(lang);
  const procs = useMemo(() => readProcedures(files), [files]);
  const [chosen, setChosen] = useState(procs[0]?.file);
  const proc = procs.find((p) => p.file === chosen) ?? procs[0];
  const map = useMemo(() => proc && analyseProcedure(proc, lang), [proc, lang]);
  if (!proc || !map) return <p class="studio-note">{t('studio.noPack')}</p>;
  const at = new Map(map.nodes.map((n) => [n.id, n]));
  const rows = Math.max(1, ...map.nodes.map((n) => n.row + 1));
  const unreachable = map.nodes.filter((n) => n.unreachable);
  const deadEnds = map.nodes.filter((n) => n.deadEnd);
  return (
    <div class="studio-map">
      <ProcedureSelect label={t('studio.map.procedure')} value={proc.file} procs={procs} onChange={setChosen} testId="studio-map-procedure" />
      <p class="studio-note" data-testid="studio-map-summary">
        {t('studio.map.summary', { steps: map.nodes.length, unreachable: unreachable.length, deadEnds: deadEnds.length })}. {t('studio.map.legend')}
      </p>
      <div class="studio-map-scroll">
        <svg width={map.columns * (W + GAP_X) + 20} height={rows * (H + GAP_Y) + 20} role="img" aria-label={proc.title} data-testid="studio-map">
          <defs>
            <marker id="studio-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" fill="#5b6475" />
            </marker>
          </defs>
          {map.edges.map((e, i) => {
            const a = at.get(e.from)!;
            const b = at.get(e.to);
            if (!b) return null;
            const [x1, y1, x2, y2] = [x(a) + W, y(a) + H / 2, x(b), y(b) + H / 2];
            const back = x2 <= x1;
            const d = back
              ? `M${x(a) + W / 2},${y(a) + H} C${x(a) + W / 2},${y(a) + H + 40} ${x(b) + W / 2},${y(b) + H + 40} ${x(b) + W / 2},${y(b) + H}`
              : `M${x1},${y1} C${x1 + 30},${y1} ${x2 - 30},${y2} ${x2},${y2}`;
            return <path key={i} d={d} fill="none" stroke="#5b6475" marker-end="url(#studio-arrow)" />;
          })}
          {map.nodes.map((n) => (
            <g
              key={n.id}
              class={`studio-node${n.unreachable ? ' studio-node--unreachable' : ''}${n.deadEnd ? ' studio-node--dead' : ''}${n.end ? ' studio-node--end' : ''}`}
              data-testid={`studio-map-step-${n.id}`}
              data-unreachable={n.unreachable ? 'true' : undefined}
              data-dead-end={n.deadEnd ? 'true' : undefined}
            >
              <title>{`${n.title} {#${n.id}} — ${proc.file}:${n.line}`}</title>
              <rect x={x(n)} y={y(n)} width={W} height={H} rx="6" />
              <text x={x(n) + 8} y={y(n) + 18}>
                {clip(n.title)}
              </text>
              <text x={x(n) + 8} y={y(n) + 35} class="studio-node-id">
                #{n.id}
                {n.unreachable ? ` · ${t('studio.map.unreachable')}` : n.deadEnd ? ` · ${t('studio.map.deadEnd')}` : ''}
              </text>
            </g>
          ))}
        </svg>
      </div>
      <ul class="studio-map-problems" data-testid="studio-map-problems">
        {[...unreachable.map((n) => [n, 'studio.map.unreachable'] as const), ...deadEnds.map((n) => [n, 'studio.map.deadEnd'] as const)].map(([n, key]) => (
          <li key={`${key}-${n.id}`}>
            {proc.file}:{n.line}: {n.title} (#{n.id}) — {t(key)}
          </li>
        ))}
      </ul>
    </div>
  );
}
