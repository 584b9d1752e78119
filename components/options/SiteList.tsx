/** The CRM sites Cuecard is enabled on, each removable (which also gives its access back). */
import { ActionStatus } from './ActionStatus';
import { useOptions } from './options-context';
import { useAction } from './use-action';

export function SiteList({ removable = true }: { removable?: boolean }) {
  const { t, api, settings, setSettings } = useOptions();
  const { state, run } = useAction();
  if (settings.sites.length === 0) {
    return (
      <p class="cc-o-empty" data-testid="cc-opt-sites-empty">
        {t('options.sites.empty')}
      </p>
    );
  }
  return (
    <>
      <ul class="cc-o-list" data-testid="cc-opt-sites">
        {settings.sites.map((s) => (
          <li key={s} class="cc-o-list__row" data-testid="cc-opt-site-row" data-site={s}>
            <code>{s}</code>
            {removable && (
              <button
                type="button"
                class="cc-o-btn cc-o-btn--quiet"
                aria-label={`${t('options.remove')} ${s}`}
                onClick={() => void run(async () => setSettings(await api.removeSite(s, settings.sites)))}
              >
                {t('options.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <ActionStatus state={state} testid="cc-opt-sites-status" />
    </>
  );
}
