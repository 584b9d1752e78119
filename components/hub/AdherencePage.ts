/** Adherence: pick a procedure and version, filter, and see the funnel, step times, skips and back-steps. */
import { h } from 'preact';
import type { CoachingRow } from '../../lib/hub/coaching';
import type { Adherence, Filter, ProcedureKey } from '../../lib/hub/report-adherence';
import { Layout, table, type PageProps } from './Layout';

export interface AdherenceProps extends PageProps {
  procedures: (ProcedureKey & { runs: number; agents: number })[];
  selected?: ProcedureKey;
  data?: Adherence;
  /** Fading guidance of the selected procedure's steps (lib/hub/coaching.ts). */
  coaching?: CoachingRow[];
  filter: Filter;
  query: string;
  minGroup: number;
}

const day = (ms?: number) => (ms === undefined ? '' : new Date(ms).toISOString().slice(0, 10));
const secs = (ms: number) => (ms / 1000).toFixed(1);

export function AdherencePage(props: AdherenceProps) {
  const { t, filter, data, selected } = props;
  const keyOf = (p: ProcedureKey) => `${p.pack_id}/${p.procedure_id}/${p.version}`;
  const form = h(
    'form',
    { method: 'get', action: '/adherence', class: 'filter' },
    h(
      'label',
      null,
      t('procedure'),
      h(
        'select',
        { name: 'p' },
        props.procedures.map((p) =>
          h('option', { value: keyOf(p), selected: selected && keyOf(selected) === keyOf(p) }, `${p.pack_id} / ${p.procedure_id} v${p.version} (${p.runs})`),
        ),
      ),
    ),
    h('label', null, t('team'), h('input', { name: 'team', value: filter.team ?? '' })),
    h('label', null, t('channel'), h('input', { name: 'channel', value: filter.channel ?? '' })),
    h('label', null, t('from'), h('input', { name: 'from', type: 'date', value: day(filter.from) })),
    h('label', null, t('to'), h('input', { name: 'to', type: 'date', value: day(filter.to) })),
    h('button', { type: 'submit' }, t('filter')),
  );
  let body: preact.ComponentChildren;
  if (!props.procedures.length) body = h('p', null, t('noRuns', { n: props.minGroup }));
  else if (!data) body = h('p', { class: 'hidden-group' }, t('tooFew', { n: props.minGroup }));
  else {
    body = [
      h(
        'p',
        { class: 'totals' },
        `${t('runs')}: ${data.runs} · ${t('agents')}: ${data.agents}`,
        ' ',
        h('a', { href: `/adherence.csv?${props.query}` }, t('csv')),
      ),
      h('h2', null, t('ends')),
      table(
        [t('step'), t('outcome'), t('runs')],
        data.ends.map((e) => [e.step, t(e.outcome === 'finished' ? 'outcome.finished' : 'outcome.abandoned'), e.runs]),
        'ends',
      ),
      h('h2', null, t('time')),
      h('div', {
        id: 'chart',
        'data-chart': JSON.stringify({
          steps: data.steps.map((s) => s.step),
          median: data.steps.map((s) => s.median / 1000),
          p90: data.steps.map((s) => s.p90 / 1000),
          labels: [t('median'), t('p90')],
        }),
      }),
      table(
        [t('step'), t('visits'), t('median'), t('p90'), t('back')],
        data.steps.map((s) => [s.step, s.visits, secs(s.median), secs(s.p90), s.back]),
        'steps',
      ),
      h('h2', null, t('skips')),
      table(
        [t('item'), t('step'), t('reason'), t('count')],
        data.skips.map((s) => [s.item, s.step, s.reason, s.count]),
        'skips',
      ),
    ];
  }
  const coaching = props.coaching && [
    h('h2', null, t('coaching')),
    h('p', { class: 'help' }, t('coachingHelp', { n: props.minGroup })),
    props.coaching.length
      ? table(
          [t('step'), t('agents'), t('collapsed'), t('clean'), t('completions')],
          props.coaching.map((c) => [c.step, c.agents, c.collapsed, c.clean, c.total]),
          'coaching',
        )
      : h('p', { class: 'hidden-group' }, t('noCoaching', { n: props.minGroup })),
  ];
  return h(Layout, { ...props, title: t('adherence'), current: '/adherence', chart: Boolean(data) }, form, body, coaching);
}

export function AnchorsPage(
  props: PageProps & { rows: { pack_id: string; anchor_id: string; page: string; agents: number; since: number; last: number }[]; minGroup: number },
) {
  const { t } = props;
  return h(
    Layout,
    { ...props, title: t('anchors'), current: '/anchors' },
    props.rows.length
      ? table(
          [t('page'), t('pack'), t('anchor'), t('agents'), t('since'), t('last')],
          props.rows.map((r) => [r.page, r.pack_id, r.anchor_id, r.agents, day(r.since), day(r.last)]),
          'anchors',
        )
      : h('p', null, t('noAnchors', { n: props.minGroup })),
  );
}
