/** Options → About & privacy: the version, what Cuecard keeps and where, and the welcome again. */
import { useOptions } from './options-context';

export function AboutSection() {
  const { t, api } = useOptions();
  return (
    <>
      <section class="cc-o-card">
        <p data-testid="cc-opt-version">
          <strong>{t('options.about.version', { version: api.version() })}</strong>
        </p>
        <h3>{t('options.about.privacyHeading')}</h3>
        <ul class="cc-o-bullets">
          <li>{t('options.about.local')}</li>
          <li>{t('options.about.access')}</li>
          <li>{t('options.about.network')}</li>
        </ul>
      </section>
      <section class="cc-o-card">
        <a class="cc-o-btn" href="#welcome" data-testid="cc-opt-rerun-welcome">
          {t('options.about.welcome')}
        </a>
      </section>
    </>
  );
}
