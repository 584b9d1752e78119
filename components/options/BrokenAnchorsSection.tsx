/**
 * Options → Broken anchors: step anchors ("Show me") that matched nothing in an agent's CRM
 * page, recorded by the background, exported as JSON for the team lead to fix the pack.
 * Pages are stored as origin + path with every segment that could name a customer masked, and
 * errors as our own codes (lib/context/broken-anchors.ts); the export spells the codes out.
 */
import { useEffect, useState } from 'preact/hooks';
import { BROKEN_MESSAGES, type BrokenAnchor } from '@/lib/context/broken-anchors';
import { resolveLang, translate, type MessageKey, type Params } from '@/lib/i18n/translate';
import { send } from '@/lib/messaging/client';
import type { Settings } from '@/lib/settings/schema';

const defaultLoad = async () => (await send('anchors.broken', {})).anchors;

function download(name: string, json: unknown) {
  const url = URL.createObjectURL(new Blob([`${JSON.stringify(json, null, 2)}\n`], { type: 'application/json' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function BrokenAnchorsSection({ settings, load = defaultLoad }: { settings: Settings; load?: () => Promise<BrokenAnchor[]> }) {
  const lang = resolveLang(settings.lang);
  const tr = (key: MessageKey, params?: Params) => translate(lang, key, params);
  const [list, setList] = useState<BrokenAnchor[] | null>(null);
  const [error, setError] = useState('');
  const refresh = () =>
    load().then(
      (l) => (setList(l), setError(''), l),
      (e: Error) => (setError(tr('anchors.error', { error: e.message })), null),
    );
  useEffect(() => void refresh(), []);

  // Fresh at the click: an agent may have hit a broken anchor since the page was opened.
  const exportList = async () => {
    const anchors = await refresh();
    if (anchors) download(`cuecard-broken-anchors-${new Date().toISOString().slice(0, 10)}.json`, { exportedAt: Date.now(), errors: BROKEN_MESSAGES, anchors });
  };

  return (
    <section id="broken-anchors">
      <h2>{tr('anchors.title')}</h2>
      <p>{tr('anchors.hint')}</p>
      {list && <p data-testid="cc-opt-anchors-count">{tr('anchors.count', { count: list.length })}</p>}
      {error && <p role="alert">{error}</p>}
      <button type="button" data-testid="cc-opt-anchors-export" onClick={() => void exportList()}>
        {tr('anchors.export')}
      </button>
    </section>
  );
}
