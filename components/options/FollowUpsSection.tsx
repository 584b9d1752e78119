/**
 * Options → Follow-ups: every follow-up, where a due notification leads (options.html#followups).
 * Open ones first; done ones on request. Refreshed while the page is shown, since the options
 * page has no port to the background.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { sortFollowUps } from '@/lib/followups/due';
import type { FollowUp, FollowUpChange } from '@/lib/followups/schema';
import { resolveLang, translate, type MessageKey, type Params } from '@/lib/i18n/translate';
import { send } from '@/lib/messaging/client';
import type { Settings } from '@/lib/settings/schema';
import { FollowUpRow } from '../FollowUpRow';
import '../tools.css';

export interface FollowUpsApi {
  list(): Promise<FollowUp[]>;
  change(id: string, change: FollowUpChange): Promise<void>;
}

const defaultApi: FollowUpsApi = {
  list: async () => (await send('followups.list', {})).followUps,
  change: async (id, change) => void (await send('followups.change', { id, change })),
};

export function FollowUpsSection({ settings, api = defaultApi }: { settings: Settings; api?: FollowUpsApi }) {
  const lang = resolveLang(settings.lang);
  const tr = (key: MessageKey, params?: Params) => translate(lang, key, params);
  const [list, setList] = useState<FollowUp[]>([]);
  const [error, setError] = useState('');
  const [showDone, setShowDone] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const ref = useRef<HTMLElement>(null);

  const load = () =>
    api.list().then(
      (l) => (setList(l), setError(''), setNow(Date.now())),
      (e: Error) => setError(tr('followup.loadFailed', { error: e.message })),
    );
  useEffect(() => {
    void load();
    const id = setInterval(() => document.visibilityState === 'visible' && void load(), 15_000);
    const onShow = () => void load();
    // A notification click lands here (#followups); bring the list into view, and refresh it.
    const reveal = () => {
      if (location.hash !== '#followups') return;
      ref.current?.scrollIntoView?.();
      void load();
    };
    reveal();
    window.addEventListener('focus', onShow);
    window.addEventListener('hashchange', reveal);
    return () => {
      clearInterval(id);
      window.removeEventListener('focus', onShow);
      window.removeEventListener('hashchange', reveal);
    };
  }, [api]);

  const shown = sortFollowUps(list.filter((f) => showDone || f.status === 'open'));
  const change = async (id: string, c: FollowUpChange) => {
    await api.change(id, c);
    await load();
  };
  return (
    <section id="followups" ref={ref} aria-labelledby="cc-opt-followups-title" data-testid="cc-opt-followups">
      <h2 id="cc-opt-followups-title">{tr('followup.heading')}</h2>
      {error && (
        <p class="cc-opt-error" role="alert">
          {error}
        </p>
      )}
      {shown.length === 0 ? (
        <p class="cc-opt-hint">{tr('followup.empty')}</p>
      ) : (
        <ul class="cc-followups__list">
          {shown.map((f) => (
            <FollowUpRow key={f.id} f={f} now={now} tr={tr} onChange={(c) => change(f.id, c)} />
          ))}
        </ul>
      )}
      <label class="cc-opt-radio">
        <input type="checkbox" checked={showDone} onChange={(e) => setShowDone(e.currentTarget.checked)} />
        {tr('followup.showDone')}
      </label>
    </section>
  );
}
