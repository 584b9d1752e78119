/**
 * The dashboard's frame: navigation, language switch and sign-out (a POST form carrying
 * the CSRF token). Server-rendered with Preact's `h`: the hub runs unbuilt under jiti and
 * Node, so no JSX transform and no client bundle are needed; the one script is the chart.
 */
import { h, type ComponentChildren } from 'preact';
import type { T } from '../../lib/hub/i18n';

export interface PageProps {
  t: T;
  csrf: string;
  email: string;
}

export function Layout(props: PageProps & { title: string; current: string; children?: ComponentChildren; chart?: boolean }) {
  const { t } = props;
  const link = (href: string, label: string) => h('a', { href, 'aria-current': props.current === href ? 'page' : undefined }, label);
  return h(
    'html',
    null,
    h(
      'head',
      null,
      h('meta', { charset: 'utf-8' }),
      h('title', null, `${props.title} · ${t('title')}`),
      h('link', { rel: 'stylesheet', href: '/assets/hub.css' }),
      props.chart ? h('link', { rel: 'stylesheet', href: '/assets/uPlot.min.css' }) : null,
    ),
    h(
      'body',
      null,
      h(
        'header',
        null,
        h('strong', null, t('title')),
        h('nav', null, link('/releases', t('releases')), link('/adherence', t('adherence')), link('/anchors', t('anchors'))),
        h('span', { class: 'who' }, props.email),
        h('a', { href: '/lang', class: 'lang' }, t('language')),
        h(
          'form',
          { method: 'post', action: '/logout' },
          h('input', { type: 'hidden', name: 'csrf', value: props.csrf }),
          h('button', { type: 'submit' }, t('logout')),
        ),
      ),
      h('main', null, h('h1', null, props.title), props.children),
      props.chart ? [h('script', { src: '/assets/uPlot.iife.min.js' }), h('script', { src: '/assets/chart.js' })] : null,
    ),
  );
}

export function LoginPage({ t, csrf, failed }: { t: T; csrf: string; failed: boolean }) {
  return h(
    'html',
    null,
    h('head', null, h('meta', { charset: 'utf-8' }), h('title', null, t('title')), h('link', { rel: 'stylesheet', href: '/assets/hub.css' })),
    h(
      'body',
      { class: 'login' },
      h(
        'form',
        { method: 'post', action: '/login' },
        h('h1', null, t('title')),
        failed ? h('p', { role: 'alert' }, t('loginFailed')) : null,
        h('input', { type: 'hidden', name: 'csrf', value: csrf }),
        h('label', null, t('email'), h('input', { name: 'email', type: 'email', required: true, autocomplete: 'username' })),
        h('label', null, t('password'), h('input', { name: 'password', type: 'password', required: true, autocomplete: 'current-password' })),
        h('button', { type: 'submit' }, t('login')),
      ),
    ),
  );
}

export const table = (head: string[], rows: ComponentChildren[][], cls?: string) =>
  h(
    'table',
    { class: cls },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        head.map((x) => h('th', null, x)),
      ),
    ),
    h(
      'tbody',
      null,
      rows.map((r) =>
        h(
          'tr',
          null,
          r.map((x) => h('td', null, x)),
        ),
      ),
    ),
  );

export const when = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString().slice(0, 16).replace('T', ' ') : '');
