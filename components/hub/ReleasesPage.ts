/** Releases: per release in a stage, who has it and who acknowledged each changed phrase; one form per stage action. */
import { h } from 'preact';
import type { ReleaseStatus } from '../../lib/hub/report-releases';
import { Layout, table, when, type PageProps } from './Layout';

export function ReleasesPage(props: PageProps & { statuses: ReleaseStatus[]; drafts: ReleaseStatus['release'][] }) {
  const { t, csrf } = props;
  const action = (id: number, what: string, label: string, extra: preact.ComponentChildren = null) =>
    h(
      'form',
      { method: 'post', action: `/releases/${id}/${what}`, class: 'action' },
      h('input', { type: 'hidden', name: 'csrf', value: csrf }),
      extra,
      h('button', { type: 'submit' }, label),
    );
  const actions = (r: ReleaseStatus['release']) =>
    h(
      'div',
      { class: 'actions' },
      action(r.id, 'pilot', t('promotePilot'), [
        h('input', { name: 'audience', placeholder: t('agentsOrTeams'), 'aria-label': t('agentsOrTeams') }),
        h('input', { name: 'at', type: 'datetime-local', 'aria-label': t('at') }),
      ]),
      action(r.id, 'everyone', t('promoteEveryone'), h('input', { name: 'at', type: 'datetime-local', 'aria-label': t('at') })),
      r.stage === 'pilot' || r.stage === 'everyone' ? action(r.id, 'pause', t('pause')) : null,
    );
  const heading = (r: ReleaseStatus['release']) =>
    h(
      'h2',
      null,
      `${r.pack_id} · ${t('version')} ${r.version} · ${t('sequence')} ${r.sequence} · `,
      h('span', { class: `stage ${r.stage}`, 'data-stage': r.stage }, t(`stage.${r.stage}`)),
      r.scheduled_stage ? h('small', null, ` ${t('scheduled', { stage: t(`stage.${r.scheduled_stage}`), at: when(r.scheduled_at) })}`) : null,
    );
  // Studio refuses failing anchor tests unless the lead gives a reason; it stays visible here.
  const override = (r: ReleaseStatus['release']) =>
    r.anchor_override ? h('p', { class: 'anchor-override', role: 'note' }, t('anchorOverride', { reason: r.anchor_override })) : null;
  return h(
    Layout,
    { ...props, title: t('releases'), current: '/releases' },
    !props.statuses.length && !props.drafts.length ? h('p', null, t('noReleases')) : null,
    props.statuses.map((s) =>
      h(
        'section',
        { class: 'release', 'data-release': s.release.id },
        heading(s.release),
        override(s.release),
        s.release.stage === 'pilot' ? h('p', null, `${t('pilotFor')}: ${[...s.release.pilot_teams, ...s.release.pilot_agents].join(', ')}`) : null,
        h('p', { class: 'have' }, `${t('have')}: ${s.have} / ${s.audience}`),
        s.missing.length ? h('p', { class: 'missing' }, `${t('missing')}: ${s.missing.join(', ')}`) : null,
        s.phrases.length
          ? table(
              [t('changedPhrase'), t('acked'), t('notAcked')],
              s.phrases.map((p) => [`${p.procedureId} / ${p.stepId} / ${p.phraseId}`, `${p.acked} / ${s.audience}`, p.notAcked.join(', ')]),
              'acks',
            )
          : null,
        actions(s.release),
      ),
    ),
    props.drafts.map((r) => h('section', { class: 'release', 'data-release': r.id }, heading(r), override(r), actions(r))),
  );
}
