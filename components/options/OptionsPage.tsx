import { useEffect, useState } from 'preact/hooks';
import type { OptionsApi } from '@/lib/panel/options-api';
import type { PackMeta } from '@/lib/messaging/protocol';
import type { Settings } from '@/lib/settings/schema';
import { optionsStrings, type OptionsKey } from './strings';
import { SitesSection } from './SitesSection';
import { SubscriptionsSection } from './SubscriptionsSection';
import { ShortcutsSection } from './ShortcutsSection';
import { FollowUpsSection } from './FollowUpsSection';
import { BrokenAnchorsSection } from './BrokenAnchorsSection';

function uiLang(s: Settings | undefined): 'zh-CN' | 'en' {
  const pick = s?.lang ?? 'auto';
  if (pick !== 'auto') return pick;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function OptionsPage({ api }: { api: OptionsApi }) {
  const [settings, setSettings] = useState<Settings>();
  const [packs, setPacks] = useState<PackMeta[]>([]);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    api.load().then((r) => (setSettings(r.settings), setPacks(r.packs)), (e: Error) => setError(e.message));
  }, [api]);
  const tr = (k: OptionsKey) => optionsStrings[uiLang(settings)][k];
  if (!settings) return <main class="cc-opt">{error ? <p role="alert">{error}</p> : '…'}</main>;

  const run = async (work: () => Promise<Settings | void>) => {
    setError('');
    try {
      const next = await work();
      if (next) setSettings(next);
      setStatus(tr('saved'));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const save = (patch: Partial<Settings>) => run(() => api.save(patch));
  const profile = (key: keyof Settings['profile']) => (e: Event) =>
    save({ profile: { ...settings.profile, [key]: (e.currentTarget as HTMLInputElement).value } });

  const importFile = (e: Event) => {
    const file = (e.currentTarget as HTMLInputElement).files?.[0];
    if (!file) return;
    // Not through run(): its generic "Saved" would replace the more useful "Imported: id vN".
    setError('');
    file
      .text()
      .then((text) => api.importPack(text))
      .then(
        (meta) => {
          setPacks((p) => [...p.filter((x) => x.id !== meta.id), meta]);
          setStatus(`${tr('imported')}: ${meta.id} v${meta.version}`);
        },
        (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
      );
  };

  return (
    <main class="cc-opt">
      <h1>{tr('title')}</h1>
      <p class="cc-opt-status" role="status" aria-live="polite">{status}</p>
      {error && <p class="cc-opt-error" role="alert" data-testid="cc-opt-error">{error}</p>}
      <section>
        <h2>{tr('profile')}</h2>
        {(['company', 'agentId', 'name'] as const).map((k) => (
          <label key={k}>
            {tr(k)} <input data-testid={`cc-opt-${k}`} value={settings.profile[k]} onChange={profile(k)} />
          </label>
        ))}
      </section>
      <section>
        <h2>{tr('language')}</h2>
        <select data-testid="cc-opt-lang" value={settings.lang} onChange={(e) => save({ lang: e.currentTarget.value as Settings['lang'] })}>
          <option value="auto">{tr('auto')}</option>
          <option value="zh-CN">中文</option>
          <option value="en">English</option>
        </select>
      </section>
      <section>
        <h2>{tr('mode')}</h2>
        {(['newHire', 'experienced'] as const).map((m) => (
          <label key={m} class="cc-opt-radio">
            <input type="radio" name="mode" data-testid={`cc-opt-mode-${m}`} checked={settings.mode === m} onChange={() => save({ mode: m })} />
            {tr(m)}
          </label>
        ))}
      </section>
      <SitesSection settings={settings} api={api} run={run} tr={tr} />
      <ShortcutsSection settings={settings} save={save} />
      <FollowUpsSection settings={settings} />
      <SubscriptionsSection settings={settings} run={run} tr={tr} />
      <BrokenAnchorsSection settings={settings} />
      <section>
        <h2>{tr('packs')}</h2>
        <ul>
          {packs.map((p) => (
            <li key={p.id}>
              {p.title['zh-CN']} — <code>{p.id}</code> {tr('version')} {p.version} ({p.source})
            </li>
          ))}
        </ul>
        <label>
          {tr('importPack')} <input type="file" accept=".json,application/json" data-testid="cc-opt-import" onChange={importFile} />
        </label>
      </section>
    </main>
  );
}
