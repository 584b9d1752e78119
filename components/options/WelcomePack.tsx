/**
 * Welcome step 3: keep the bundled SOP, or subscribe to the team's pack (its address and,
 * unless the administrator set the keys, the team lead's public key and the pack ids it may
 * sign). A refused release is
 * said here with its reason, and the agent can fix it or go on with the bundled pack.
 */
import { useState } from 'preact/hooks';
import { errorText } from '@/lib/options/errors';
import { checkPackUrl, checkTrustedKey } from '@/lib/options/validate';
import { t as packText } from '@/lib/pack/text';
import { MESSAGES, type MessageKey } from '@/lib/i18n/translate';
import { Field } from './Field';
import { PackIdsInput, PublicKeyInput } from './KeyInputs';
import { useOptions } from './options-context';

export function WelcomePack({ onNext, onSkip }: { onNext(): void; onSkip(): void }) {
  const { t, lang, api, packs, settings, setSettings } = useOptions();
  const [choice, setChoice] = useState<'bundled' | 'subscribe'>('bundled');
  const [url, setUrl] = useState('');
  const [key, setKey] = useState('');
  const [packIds, setPackIds] = useState('');
  const [errors, setErrors] = useState<{ url?: string; key?: string; packIds?: string }>({});
  const [busy, setBusy] = useState(false);
  const bundled = packs.find((p) => p.source === 'bundled');

  const subscribe = async () => {
    const u = checkPackUrl(url);
    // A key is optional here (the administrator may have set it); pack ids alone need one too.
    const k = key.trim() || packIds.trim() ? checkTrustedKey(key, '', packIds) : undefined;
    const problem = (f: 'publicKey' | 'packIds') => (k && !k.ok && k.problems[f] ? errorText(k.problems[f], lang) : undefined);
    const found = { url: u.ok ? undefined : errorText(u.problem, lang), key: problem('publicKey'), packIds: problem('packIds') };
    setErrors(found);
    if (!u.ok || (k && !k.ok)) return;
    setBusy(true);
    try {
      // The permission prompt first, while the click still counts; the key only after it.
      let r = await api.subscriptions.subscribe(u.value, settings.subscriptions);
      if (k) {
        const keys = [...r.settings.trustedKeys.filter((x) => x.publicKey !== k.value.publicKey), k.value];
        // Checked again now that the key is trusted (the first check could not verify it).
        r = { settings: (await api.subscriptions.saveKeys(keys)).settings, view: await api.subscriptions.checkNow() };
      }
      setSettings(r.settings);
      const state = r.view.subscriptions.find((s) => s.url === u.value)?.state;
      if (state?.lastError && (state.status === 'refused' || state.status === 'error')) {
        const reasonKey = `packs.reason.${state.lastError.code}` as MessageKey;
        setErrors({ url: `${reasonKey in MESSAGES.en ? t(reasonKey) : state.lastError.code}: ${state.lastError.message}` });
        return;
      }
      onNext();
    } catch (err) {
      setErrors({ url: errorText(err, lang) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="cc-o-form" noValidate onSubmit={(e) => (e.preventDefault(), choice === 'bundled' ? onNext() : void subscribe())}>
      <p class="cc-o-intro">{t('welcome.pack.intro')}</p>
      <div class="cc-w-choices" role="radiogroup" aria-label={t('welcome.step.pack')}>
        <label class={`cc-w-choice${choice === 'bundled' ? ' cc-w-choice--on' : ''}`}>
          <input type="radio" name="pack" checked={choice === 'bundled'} onChange={() => setChoice('bundled')} data-testid="cc-welcome-bundled" />
          <span>
            <strong>{t('welcome.pack.bundled')}</strong>
            {bundled && <span class="cc-o-help">{t('welcome.pack.bundledHelp', { title: packText(bundled.title, lang) })}</span>}
          </span>
        </label>
        <label class={`cc-w-choice${choice === 'subscribe' ? ' cc-w-choice--on' : ''}`}>
          <input type="radio" name="pack" checked={choice === 'subscribe'} onChange={() => setChoice('subscribe')} data-testid="cc-welcome-subscribe" />
          <span>
            <strong>{t('welcome.pack.subscribe')}</strong>
            <span class="cc-o-help">{t('welcome.pack.subscribeHelp')}</span>
          </span>
        </label>
      </div>
      {choice === 'subscribe' && (
        <div class="cc-w-sub">
          <Field id="cc-sub-url" label={t('options.subs.url')} help={t('options.subs.urlHelp')} error={errors.url}>
            <input
              type="text"
              inputMode="url"
              spellcheck={false}
              data-testid="cc-sub-url"
              value={url}
              onInput={(e) => (setUrl(e.currentTarget.value), setErrors({}))}
            />
          </Field>
          <PublicKeyInput value={key} error={errors.key} onInput={(v) => (setKey(v), setErrors({}))} />
          <PackIdsInput value={packIds} error={errors.packIds} onInput={(v) => (setPackIds(v), setErrors({}))} />
        </div>
      )}
      <div class="cc-o-actions">
        <button type="submit" class="cc-o-btn cc-o-btn--primary" data-testid="cc-welcome-next" disabled={busy}>
          {choice === 'bundled' ? t('welcome.next') : t('welcome.continue')}
        </button>
        <button type="button" class="cc-o-btn cc-o-btn--link" onClick={onSkip} data-testid="cc-welcome-skip">
          {t('welcome.skip')}
        </button>
      </div>
    </form>
  );
}
