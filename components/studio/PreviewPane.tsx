/**
 * Preview: the REAL panel (components/App → Panel, StepView, …) over the last pack that
 * compiled, with a stand-in background (lib/studio/preview-backend.ts). Language and mode
 * are the agent's settings; changing them, or the pack, starts a fresh panel.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { App } from '@/components/App';
import { StoreContext } from '@/lib/store/use-store';
import { createPreviewBackend, type PreviewOptions } from '@/lib/studio/preview-backend';
import type { StudioPaneProps } from '@/lib/studio/contract';
import { studioT } from '@/lib/i18n/studio-t';
import '@/components/panel.css';

export function PreviewPane({ lastPack: pack, compiled, lang }: StudioPaneProps) {
  const t = studioT(lang);
  const [opts, setOpts] = useState<PreviewOptions>({ lang: lang === 'zh' ? 'zh-CN' : 'en', mode: 'newHire' });
  const [generation, setGeneration] = useState(0);
  const [, setLogSize] = useState(0);
  const backend = useMemo(() => pack && createPreviewBackend(pack, opts, () => setLogSize((n) => n + 1)), [pack, opts, generation]);
  useEffect(() => void backend?.store.getState().load(), [backend]);
  if (!pack || !backend)
    return (
      <p class="studio-note" role="status">
        {t('studio.noPack')}
      </p>
    );
  return (
    <div class="studio-preview">
      <div class="studio-preview-bar">
        <label>
          {t('studio.lang')}{' '}
          <select
            data-testid="studio-preview-lang"
            value={opts.lang}
            onChange={(e) => setOpts({ ...opts, lang: (e.target as HTMLSelectElement).value as PreviewOptions['lang'] })}
          >
            <option value="zh-CN">中文</option>
            <option value="en">English</option>
          </select>
        </label>
        <label>
          {t('studio.mode')}{' '}
          <select
            data-testid="studio-preview-mode"
            value={opts.mode}
            onChange={(e) => setOpts({ ...opts, mode: (e.target as HTMLSelectElement).value as PreviewOptions['mode'] })}
          >
            <option value="newHire">{t('studio.mode.newHire')}</option>
            <option value="experienced">{t('studio.mode.experienced')}</option>
          </select>
        </label>
        <button type="button" class="studio-btn" onClick={() => setGeneration((g) => g + 1)}>
          {t('studio.restart')}
        </button>
      </div>
      {!compiled.ok && (
        <p class="studio-note studio-status--bad" role="status">
          {t('studio.notCompiled')}
        </p>
      )}
      <div class="studio-preview-frame" data-testid="studio-preview">
        <StoreContext.Provider value={backend.store}>
          <App actions={backend.actions} />
        </StoreContext.Provider>
      </div>
      {backend.log.length > 0 && (
        <ol class="studio-preview-log" data-testid="studio-preview-log">
          {backend.log.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ol>
      )}
    </div>
  );
}
