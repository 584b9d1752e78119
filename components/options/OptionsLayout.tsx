/** The settings page: title bar, the section sidebar, and the one section the hash names. */
import { useEffect } from 'preact/hooks';
import { useOptions } from './options-context';
import { sectionFor } from './sections';
import { Sidebar } from './Sidebar';

export function OptionsLayout({ hash, go }: { hash: string; go(id: string): void }) {
  const { t } = useOptions();
  const section = sectionFor(hash);
  useEffect(() => void (document.title = `${t(section.title)} · ${t('options.title')}`), [section, t]);
  return (
    <div class="cc-o-shell">
      <header class="cc-o-top">
        <span class="cc-o-logo" aria-hidden="true">
          C
        </span>
        <h1>{t('options.title')}</h1>
      </header>
      <Sidebar current={section.id} go={go} />
      <main class="cc-o-main" aria-labelledby="cc-o-section-title" data-testid={`cc-opt-section-${section.id}`}>
        <h2 id="cc-o-section-title">{t(section.title)}</h2>
        <section.Component key={section.id} />
      </main>
    </div>
  );
}
