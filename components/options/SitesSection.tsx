import { useState } from 'preact/hooks';
import * as v from 'valibot';
import type { OptionsApi } from '@/lib/panel/options-api';
import { SitePatternSchema, type Settings } from '@/lib/settings/schema';
import type { OptionsKey } from './strings';

interface Props {
  settings: Settings;
  api: OptionsApi;
  run: (work: () => Promise<Settings | void>) => Promise<void>;
  tr: (k: OptionsKey) => string;
}

/** CRM sites: each one added from a click, which is when Chrome lets us ask for access. */
export function SitesSection({ settings, api, run, tr }: Props) {
  const [pattern, setPattern] = useState('');
  const add = (e: Event) => {
    e.preventDefault();
    const checked = v.safeParse(SitePatternSchema, pattern.trim());
    void run(async () => {
      if (!checked.success) throw new Error(`"${pattern}" ${checked.issues[0].message}.`);
      const next = await api.addSite(checked.output, settings.sites);
      setPattern('');
      return next;
    });
  };
  return (
    <section>
      <h2>{tr('sites')}</h2>
      {settings.sites.length === 0 && <p>{tr('noSites')}</p>}
      <ul>
        {settings.sites.map((s) => (
          <li key={s}>
            <code>{s}</code> <button onClick={() => run(() => api.removeSite(s, settings.sites))}>{tr('remove')}</button>
          </li>
        ))}
      </ul>
      <form onSubmit={add}>
        <input data-testid="cc-opt-site" placeholder={tr('sitePlaceholder')} value={pattern} onInput={(e) => setPattern(e.currentTarget.value)} />
        <button type="submit">{tr('addSite')}</button>
      </form>
    </section>
  );
}
