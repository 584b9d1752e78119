/**
 * Options → SOP packs & trust: what is installed (and a file import), the subscriptions with
 * their last check, and the keys packs must be signed with. Values the administrator set
 * (managed policy) are shown read-only.
 */
import { useEffect, useState } from 'preact/hooks';
import { errorText } from '@/lib/options/errors';
import type { SubscriptionsView } from '@/lib/distribution/views';
import { InstalledPacks } from './InstalledPacks';
import { useOptions } from './options-context';
import { SubscriptionsSection } from './SubscriptionsSection';
import { TrustedKeys } from './TrustedKeys';

export function PacksSection() {
  const { t, lang, api } = useOptions();
  const [view, setView] = useState<SubscriptionsView>();
  const [error, setError] = useState('');
  const load = () => {
    setError('');
    api.subscriptions.load().then(setView, (e: unknown) => setError(errorText(e, lang)));
  };
  useEffect(load, [api]);
  return (
    <>
      <p class="cc-o-intro">{t('options.packs.intro')}</p>
      <InstalledPacks />
      {error && (
        <div class="cc-o-card cc-o-notice cc-o-notice--error" role="alert" data-testid="cc-sub-load-error">
          <p>{t('options.loadError', { error })}</p>
          <button type="button" class="cc-o-btn" onClick={load}>
            {t('options.retry')}
          </button>
        </div>
      )}
      {!view && !error && (
        <p class="cc-o-muted" role="status">
          {t('options.loading')}
        </p>
      )}
      {view && (
        <>
          <SubscriptionsSection view={view} setView={setView} />
          <TrustedKeys view={view} setView={setView} />
        </>
      )}
    </>
  );
}
