/**
 * Add a CRM site: checked before anything is asked, then the browser's permission prompt
 * (Chrome allows it only while handling the click, so nothing awaits before it). Any refusal
 * shows under the field, naming what is wrong, and the typed address stays.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { errorText } from '@/lib/options/errors';
import { checkSitePattern } from '@/lib/options/validate';
import { Field } from './Field';
import { useOptions } from './options-context';

interface Props {
  onAdded?(site: string): void;
  /** Add as a secondary button (when something else is the next step). */
  secondary?: boolean;
  children?: ComponentChildren;
}

export function SiteForm({ onAdded, secondary, children }: Props) {
  const { t, lang, api, settings, setSettings } = useOptions();
  const [pattern, setPattern] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const add = async (e: Event) => {
    e.preventDefault();
    const checked = checkSitePattern(pattern, settings.sites);
    if (!checked.ok) return setError(errorText(checked.problem, lang));
    setBusy(true);
    try {
      setSettings(await api.addSite(checked.value, settings.sites));
      setPattern('');
      setError('');
      onAdded?.(checked.value);
    } catch (err) {
      setError(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="cc-o-form" onSubmit={add} noValidate>
      <Field id="cc-opt-site" label={t('options.sites.pattern')} help={t('options.sites.patternHelp')} error={error}>
        <input
          type="text"
          inputMode="url"
          spellcheck={false}
          autoComplete="off"
          data-testid="cc-opt-site"
          placeholder="https://crm.example.com/*"
          value={pattern}
          onInput={(e) => (setPattern(e.currentTarget.value), setError(''))}
        />
      </Field>
      <div class="cc-o-actions">
        <button type="submit" class={`cc-o-btn${secondary ? '' : ' cc-o-btn--primary'}`} data-testid="cc-opt-site-add" disabled={busy}>
          {t('options.sites.add')}
        </button>
        {children}
      </div>
    </form>
  );
}
