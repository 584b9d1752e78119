/** Welcome step 2: the CRM site, added (and its access asked) from the click, as in Options. */
import { SiteForm } from './SiteForm';
import { SiteList } from './SiteList';
import { useOptions } from './options-context';

export function WelcomeSite({ onNext, onSkip }: { onNext(): void; onSkip(): void }) {
  const { t, settings } = useOptions();
  const has = settings.sites.length > 0;
  return (
    <>
      <p class="cc-o-intro">{t('welcome.site.intro')}</p>
      {has && <SiteList removable={false} />}
      <SiteForm secondary={has}>
        {has ? (
          <button type="button" class="cc-o-btn cc-o-btn--primary" onClick={onNext} data-testid="cc-welcome-next">
            {t('welcome.next')}
          </button>
        ) : (
          <button type="button" class="cc-o-btn cc-o-btn--link" onClick={onSkip} data-testid="cc-welcome-skip">
            {t('welcome.skip')}
          </button>
        )}
      </SiteForm>
    </>
  );
}
