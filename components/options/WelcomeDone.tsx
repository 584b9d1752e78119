/** The welcome's end: what to do next (open the CRM, where the panel docks), and the way to all settings. */
import { useOptions } from './options-context';

/** A page to open for a site pattern, when the pattern names one host (no wildcard host). */
export function siteUrl(pattern: string): string | undefined {
  const m = /^(https?|\*):\/\/([^/*]+)\//.exec(pattern);
  return m ? `${m[1] === '*' ? 'https' : m[1]}://${m[2]}/` : undefined;
}

export function WelcomeDone({ go }: { go(hash: string): void }) {
  const { t, settings } = useOptions();
  const site = settings.sites.map(siteUrl).find(Boolean);
  return (
    <div class="cc-w-done" data-testid="cc-welcome-done">
      <p class="cc-o-intro">{settings.sites.length ? t('welcome.done.openCrm') : t('welcome.done.noSite')}</p>
      <div class="cc-o-actions">
        {site && (
          <a class="cc-o-btn cc-o-btn--primary" href={site} target="_blank" rel="noopener" data-testid="cc-welcome-open-crm">
            {t('welcome.done.openSite', { site: new URL(site).host })}
          </a>
        )}
        <button type="button" class={`cc-o-btn${site ? '' : ' cc-o-btn--primary'}`} onClick={() => go('profile')} data-testid="cc-welcome-settings">
          {t('welcome.done.settings')}
        </button>
      </div>
    </div>
  );
}
