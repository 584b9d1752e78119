/**
 * Studio's shell: title bar (folder, unsaved marker, Save, language), the pane tabs, and
 * the active pane. Ctrl+S (⌘S) saves from anywhere; tabs follow the WAI-ARIA tabs pattern.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { StudioApi } from '@/lib/studio/api-client';
import type { Compiler } from '@/lib/studio/compile-client';
import { studioT, type StudioLang } from '@/lib/i18n/studio-t';
import { PANES } from './panes';
import { useStudio } from './use-studio';
import { StatusLine } from './StatusLine';

const LANG_KEY = 'cuecard-studio-lang';

export function StudioApp({ api, compiler, storage }: { api: StudioApi; compiler: Compiler; storage: Storage }) {
  const studio = useStudio(api, compiler, storage);
  const [lang, setLangState] = useState<StudioLang>(
    () => (storage.getItem(LANG_KEY) as StudioLang | null) ?? (navigator.language.startsWith('zh') ? 'zh' : 'en'),
  );
  const [active, setActive] = useState(() => PANES.find((p) => `#${p.id}` === location.hash)?.id ?? PANES[0]!.id);
  const t = useMemo(() => studioT(lang), [lang]);
  const setLang = (l: StudioLang) => {
    storage.setItem(LANG_KEY, l);
    setLangState(l);
  };
  const { save } = studio;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void save();
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [save]);
  useEffect(() => void (document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en'), [lang]);

  const select = (id: string) => {
    setActive(id);
    history.replaceState(null, '', `#${id}`);
  };
  const onTabKey = (e: KeyboardEvent, i: number) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = PANES[(i + step + PANES.length) % PANES.length]!;
    select(next.id);
    document.getElementById(`studio-tab-${next.id}`)?.focus();
  };

  if (studio.loadError)
    return (
      <p role="alert" class="studio-error" data-testid="studio-load-error">
        {t('studio.loadFailed', { error: studio.loadError })}
      </p>
    );
  const pane = PANES.find((p) => p.id === active) ?? PANES[0]!;
  const Pane = pane.component;
  return (
    <div class="studio">
      <header class="studio-bar">
        <h1>{t('studio.title')}</h1>
        <span class="studio-folder">{studio.session?.folder}</span>
        {studio.dirty.length > 0 && (
          <span class="studio-unsaved" data-testid="studio-unsaved" title={studio.dirty.join(', ')}>
            ● {t('studio.unsaved')}
          </span>
        )}
        <button type="button" class="studio-btn studio-btn--primary" data-testid="studio-save" onClick={() => void save()} disabled={!studio.dirty.length}>
          {t('studio.save')} <kbd>Ctrl+S</kbd>
        </button>
        <label class="studio-lang">
          {t('studio.lang')}{' '}
          <select data-testid="studio-lang" value={lang} onChange={(e) => setLang((e.target as HTMLSelectElement).value as StudioLang)}>
            <option value="zh">中文</option>
            <option value="en">English</option>
          </select>
        </label>
      </header>
      <StatusLine t={t} status={studio.status} compiled={studio.compiled} compiles={studio.compiles} />
      <nav role="tablist" aria-label={t('studio.panes')} class="studio-tabs">
        {PANES.map((p, i) => (
          <button
            key={p.id}
            type="button"
            role="tab"
            id={`studio-tab-${p.id}`}
            data-testid={`studio-tab-${p.id}`}
            aria-selected={p.id === pane.id}
            aria-controls="studio-pane"
            tabIndex={p.id === pane.id ? 0 : -1}
            onClick={() => select(p.id)}
            onKeyDown={(e) => onTabKey(e, i)}
          >
            {p.label[lang]}
          </button>
        ))}
      </nav>
      <main id="studio-pane" role="tabpanel" aria-labelledby={`studio-tab-${pane.id}`} class="studio-pane" data-testid={`studio-pane-${pane.id}`}>
        {studio.session && studio.compiled && (
          <Pane
            session={studio.session}
            files={studio.files}
            compiled={studio.compiled}
            setFile={studio.setFile}
            lang={lang}
            published={studio.published}
            lastPack={studio.lastPack}
          />
        )}
      </main>
    </div>
  );
}
