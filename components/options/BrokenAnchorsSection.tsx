/**
 * Options → Broken anchors: step anchors ("Show me") that matched nothing in an agent's CRM
 * page, recorded by the background, exported as JSON for the team lead to fix the pack.
 * Pages are stored as origin + path with every segment that could name a customer masked, and
 * errors as our own codes (lib/context/broken-anchors.ts); the export spells the codes out.
 */
import { useEffect, useState } from 'preact/hooks';
import { BROKEN_MESSAGES, type BrokenAnchor } from '@/lib/context/broken-anchors';
import { errorText } from '@/lib/options/errors';
import { useOptions } from './options-context';
import { StudioAddressCard } from './StudioAddressCard';

function download(name: string, json: unknown) {
  const url = URL.createObjectURL(new Blob([`${JSON.stringify(json, null, 2)}\n`], { type: 'application/json' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function BrokenAnchorsSection() {
  const { t, lang, api } = useOptions();
  const [list, setList] = useState<BrokenAnchor[] | null>(null);
  const [error, setError] = useState('');
  const refresh = () =>
    api.brokenAnchors().then(
      (l) => (setList(l), setError(''), l),
      (e: unknown) => (setError(t('anchors.error', { error: errorText(e, lang) })), null),
    );
  useEffect(() => void refresh(), [api]);

  // Fresh at the click: an agent may have hit a broken anchor since the page was opened.
  const exportList = async () => {
    const anchors = await refresh();
    if (anchors) download(`cuecard-broken-anchors-${new Date().toISOString().slice(0, 10)}.json`, { exportedAt: Date.now(), errors: BROKEN_MESSAGES, anchors });
  };

  return (
    <>
      <p class="cc-o-intro">{t('anchors.hint')}</p>
      <section class="cc-o-card">
        {list === null && !error && (
          <p class="cc-o-muted" role="status">
            {t('options.loading')}
          </p>
        )}
        {list && (
          <p class={list.length ? 'cc-o-count' : 'cc-o-empty'} data-testid="cc-opt-anchors-count">
            {t('anchors.count', { count: list.length })}
          </p>
        )}
        {error && (
          <p class="cc-o-notice cc-o-notice--error" role="alert">
            {error}
          </p>
        )}
        <div class="cc-o-actions">
          <button type="button" class="cc-o-btn" data-testid="cc-opt-anchors-export" onClick={() => void exportList()} disabled={!list?.length && !error}>
            {t('anchors.export')}
          </button>
          {error && (
            <button type="button" class="cc-o-btn" onClick={() => void refresh()}>
              {t('options.retry')}
            </button>
          )}
        </div>
      </section>
      <StudioAddressCard />
    </>
  );
}
