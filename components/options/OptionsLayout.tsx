/**
 * The settings page: title bar, the section sidebar, and the section the hash names. A section
 * is mounted when first shown and then only hidden, so what the agent typed in one section
 * and did not save yet is still there after a look at another.
 */
import { useEffect, useState } from 'preact/hooks';
import { useOptions } from './options-context';
import { SECTIONS, sectionFor } from './sections';
import { Sidebar } from './Sidebar';

export function OptionsLayout({ hash, go }: { hash: string; go(id: string): void }) {
  const { t } = useOptions();
  const section = sectionFor(hash);
  const [visited, setVisited] = useState(() => new Set([section.id]));
  if (!visited.has(section.id)) setVisited(new Set(visited).add(section.id));
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
      <main class="cc-o-main" aria-labelledby={`cc-o-title-${section.id}`}>
        {SECTIONS.filter((s) => s.id === section.id || visited.has(s.id)).map(({ id, title, Component }) => (
          <div key={id} hidden={id !== section.id} data-testid={`cc-opt-section-${id}`}>
            <h2 id={`cc-o-title-${id}`}>{t(title)}</h2>
            <Component />
          </div>
        ))}
      </main>
    </div>
  );
}
