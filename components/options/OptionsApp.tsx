/**
 * The options page's root: loads the settings (with a loading state, and the error with a
 * retry), picks the language (the setting, else the browser's), and shows either the
 * first-run welcome (#welcome) or the settings with their sidebar.
 */
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { resolveLang, translate, type MessageKey, type Params } from '@/lib/i18n/translate';
import type { PackMeta } from '@/lib/messaging/protocol';
import type { OptionsApi } from '@/lib/options/api';
import { errorText } from '@/lib/options/errors';
import type { Settings, SettingsPatch } from '@/lib/settings/schema';
import { OptionsContext, type OptionsContextValue } from './options-context';
import { OptionsLayout } from './OptionsLayout';
import { useHash } from './use-hash';
import { Welcome } from './Welcome';

type Loaded = { settings: Settings; packs: PackMeta[] };

export function OptionsApp({ api }: { api: OptionsApi }) {
  const [data, setData] = useState<Loaded>();
  const [error, setError] = useState<unknown>();
  const [hash, go] = useHash();
  const lang = resolveLang(data?.settings.lang ?? 'auto');
  const t = useCallback((key: MessageKey, params?: Params) => translate(lang, key, params), [lang]);
  const load = useCallback(() => {
    setError(undefined);
    api.load().then(setData, setError);
  }, [api]);
  useEffect(load, [load]);
  useEffect(() => void (document.documentElement.lang = lang), [lang]);

  const value = useMemo<OptionsContextValue | undefined>(() => {
    if (!data) return undefined;
    const setSettings = (settings: Settings) => setData((d) => ({ ...d!, settings }));
    return {
      api,
      lang,
      t,
      ...data,
      setSettings,
      setPacks: (packs) => setData((d) => ({ ...d!, packs })),
      save: async (patch: SettingsPatch) => {
        const settings = await api.save(patch);
        setSettings(settings);
        return settings;
      },
    };
  }, [api, data, lang, t]);

  if (!value) {
    return (
      <div class="cc-o-boot">
        {error === undefined ? (
          <p role="status" class="cc-o-muted">
            {t('options.loading')}
          </p>
        ) : (
          <div class="cc-o-card cc-o-boot__error" role="alert" data-testid="cc-opt-load-error">
            <p>{t('options.loadError', { error: errorText(error, lang) })}</p>
            <button type="button" class="cc-o-btn cc-o-btn--primary" onClick={load} data-testid="cc-opt-load-retry">
              {t('options.retry')}
            </button>
          </div>
        )}
      </div>
    );
  }
  return <OptionsContext.Provider value={value}>{hash === 'welcome' ? <Welcome go={go} /> : <OptionsLayout hash={hash} go={go} />}</OptionsContext.Provider>;
}
