/** Options → CRM sites: where the panel appears; each added from a click, which is when Chrome lets us ask. */
import { SiteForm } from './SiteForm';
import { SiteList } from './SiteList';
import { useOptions } from './options-context';

export function SitesSection() {
  const { t } = useOptions();
  return (
    <>
      <p class="cc-o-intro">{t('options.sites.intro')}</p>
      <section class="cc-o-card">
        <SiteList />
      </section>
      <section class="cc-o-card">
        <SiteForm />
      </section>
    </>
  );
}
