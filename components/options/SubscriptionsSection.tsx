import { useEffect, useState } from 'preact/hooks';
import * as v from 'valibot';
import { PackUrlSchema } from '@/lib/packs/config-schema';
import type { SubscriptionView, SubscriptionsView } from '@/lib/packs/views';
import { createSubscriptionsApi, type SubscriptionsApi } from '@/lib/panel/subscriptions-api';
import type { Settings } from '@/lib/settings/schema';
import { optionsStrings, type OptionsKey } from './strings';
import { TrustedKeys } from './TrustedKeys';

export interface SectionProps {
  settings: Settings;
  run: (work: () => Promise<Settings | void>) => Promise<void>;
  tr: (k: OptionsKey) => string;
  api?: SubscriptionsApi;
}

let defaultApi: SubscriptionsApi | undefined;

/**
 * Pack URLs (the agent's and the administrator's) with each one's last check, "Check now",
 * and the trusted keys. Policy entries are shown, never editable here.
 */
export function SubscriptionsSection({ settings, run, tr, api = (defaultApi ??= createSubscriptionsApi()) }: SectionProps) {
  const [view, setView] = useState<SubscriptionsView>();
  const [url, setUrl] = useState('');
  useEffect(() => void api.load().then(setView, () => undefined), [api]);
  /** Run an action that returns a fresh view (and maybe settings) through the page's error/status line. */
  const act = (work: () => Promise<SubscriptionsView | { settings: Settings; view: SubscriptionsView }>) =>
    run(async () => {
      const r = await work();
      if ('view' in r) {
        setView(r.view);
        return r.settings;
      }
      setView(r);
    });
  const subscribe = (e: Event) => {
    e.preventDefault();
    const checked = v.safeParse(PackUrlSchema, url);
    void act(async () => {
      if (!checked.success) throw new Error(`"${url.trim()}" ${checked.issues[0].message}.`);
      const r = await api.subscribe(checked.output, settings.subscriptions);
      setUrl('');
      return r;
    });
  };
  const locked = view?.locked ?? false;
  return (
    <section data-testid="cc-subscriptions">
      <h2>{tr('subscriptions')}</h2>
      <p>{tr('subsHint')}</p>
      {locked && <p data-testid="cc-sub-locked">{tr('locked')}</p>}
      {!!view?.problems.length && (
        <p class="cc-opt-error">
          {tr('policyProblems')} {view.problems.join('; ')}
        </p>
      )}
      {view && view.subscriptions.length === 0 && <p>{tr('noSubs')}</p>}
      <ul>
        {view?.subscriptions.map((s) => (
          <Subscription key={s.url} sub={s} tr={tr} onRemove={locked || s.source === 'policy' ? undefined : () => act(() => api.unsubscribe(s.url, settings.subscriptions))} onGrant={() => act(() => api.grantAccess(s.url))} />
        ))}
      </ul>
      {!locked && (
        <form onSubmit={subscribe}>
          <input data-testid="cc-sub-url" placeholder={tr('packUrlPlaceholder')} value={url} onInput={(e) => setUrl(e.currentTarget.value)} />
          <button type="submit" data-testid="cc-sub-add">{tr('subscribe')}</button>
        </form>
      )}
      <p>
        <button type="button" data-testid="cc-sub-check" onClick={() => act(() => api.checkNow())}>{tr('checkNow')}</button>
      </p>
      {view && <TrustedKeys view={view} settings={settings} tr={tr} act={act} api={api} />}
    </section>
  );
}

const STATUS: Record<NonNullable<SubscriptionView['state']>['status'], OptionsKey> = {
  new: 'statusNew', installed: 'statusInstalled', unchanged: 'statusUnchanged', refused: 'statusRefused', error: 'statusError',
};
/** The reason in the page's language; the verifier's own sentence follows it. */
const reason = (code: string, tr: SectionProps['tr']) => (`reason.${code}` in optionsStrings.en ? tr(`reason.${code}` as OptionsKey) : code);
const when = (ms: number | undefined) => (ms === undefined ? '—' : new Date(ms).toLocaleString());

function Subscription({ sub, tr, onRemove, onGrant }: { sub: SubscriptionView; tr: SectionProps['tr']; onRemove?: () => void; onGrant: () => void }) {
  const s = sub.state;
  const status = s?.status ?? 'new';
  const pack = s?.packId ? ` · ${tr('packLabel')} ${s.packId} ${tr('version')} ${s.version ?? '?'}${s.sequence ? ` (${tr('release')} ${s.sequence})` : ''}` : '';
  return (
    <li data-testid="cc-sub" data-url={sub.url} data-status={status} data-checked={s?.lastFetchAt}>
      <code>{sub.url}</code> {sub.source === 'policy' && <em>({tr('byPolicy')})</em>}{' '}
      {onRemove && <button onClick={onRemove}>{tr('remove')}</button>}
      <div data-testid="cc-sub-status">
        {tr(STATUS[status])}
        {pack} · {tr('lastChecked')} {when(s?.lastFetchAt)} · {tr('nextCheck')} {when(s?.nextAt)}
      </div>
      {s?.lastError && (
        <p class="cc-opt-error" data-testid="cc-sub-error" data-code={s.lastError.code} role="alert">
          <strong>{reason(s.lastError.code, tr)}</strong>
          <br />
          <small>{s.lastError.message}</small>
        </p>
      )}
      {!sub.hasAccess && (
        <p>
          {tr('noAccess')} <button onClick={onGrant}>{tr('grantAccess')}</button>
        </p>
      )}
    </li>
  );
}
