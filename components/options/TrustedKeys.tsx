/**
 * The public keys packs must be signed with, by id (short enough to read out on a call), each
 * with the pack ids it may sign (issue 10: a key bound to nothing could take over any pack),
 * and the unsigned switch. The administrator's keys and a policy-set switch are read-only.
 */
import { useState } from 'preact/hooks';
import { errorText } from '@/lib/options/errors';
import { ANY_PACK_ID } from '@/lib/pack/pack-id-pattern';
import { checkTrustedKey, type KeyField } from '@/lib/options/validate';
import { ActionStatus } from './ActionStatus';
import { Field } from './Field';
import { PackIdsInput, PublicKeyInput } from './KeyInputs';
import { useOptions } from './options-context';
import type { ViewProps } from './SubscriptionsSection';
import { useAction } from './use-action';
import { usePending } from './use-pending';

export function TrustedKeys({ view, setView }: ViewProps) {
  const { t, lang, api, settings, setSettings } = useOptions();
  const [key, setKey] = useState('');
  const [label, setLabel] = useState('');
  const [packIds, setPackIds] = useState('');
  const [errors, setErrors] = useState<Partial<Record<KeyField, string>>>({});
  const { state, run } = useAction();
  const [shown, apply] = usePending({ allowUnsigned: view.allowUnsigned });
  const keep = (r: { settings: typeof settings; view: typeof view }) => (setSettings(r.settings), setView(r.view));

  const add = async (e: Event) => {
    e.preventDefault();
    const checked = checkTrustedKey(key, label, packIds);
    if (!checked.ok) return setErrors(Object.fromEntries(Object.entries(checked.problems).map(([f, p]) => [f, errorText(p, lang)])));
    // Adding a key that is already listed replaces it: this is how its pack ids are changed.
    const keys = [...settings.trustedKeys.filter((k) => k.publicKey !== checked.value.publicKey), checked.value];
    if (await run(async () => keep(await api.subscriptions.saveKeys(keys)))) {
      setKey('');
      setLabel('');
      setPackIds('');
    }
  };
  const remove = (publicKey: string) =>
    void run(async () => keep(await api.subscriptions.saveKeys(settings.trustedKeys.filter((k) => k.publicKey !== publicKey))));

  return (
    <section class="cc-o-card" aria-labelledby="cc-opt-keys-title">
      <h3 id="cc-opt-keys-title">{t('options.keys.heading')}</h3>
      <p class="cc-o-help">{t('options.keys.intro')}</p>
      {view.trustedKeys.length === 0 ? (
        <p class="cc-o-empty">{t('options.keys.empty')}</p>
      ) : (
        <ul class="cc-o-list">
          {view.trustedKeys.map((k) => (
            <li key={k.publicKey} class="cc-o-list__row" data-testid="cc-key" data-key-id={k.keyId}>
              <span class="cc-o-list__main">
                <code>{t('options.keys.id', { id: k.keyId })}</code> {k.label}
                {k.packIds.length ? (
                  <span class="cc-o-help cc-o-list__note" data-testid="cc-key-packs">
                    {t('options.keys.maySign', { ids: k.packIds.map((id) => (id === ANY_PACK_ID ? t('options.keys.anyPack') : id)).join(', ') })}
                  </span>
                ) : (
                  // Saved before keys had pack ids: it signs nothing now, and the agent should know why.
                  <span class="cc-o-field__error cc-o-list__note" data-testid="cc-key-unbound" role="alert">
                    {t('options.keys.unbound')}
                  </span>
                )}
              </span>
              {k.source === 'policy' && <span class="cc-o-tag cc-o-tag--policy">{t('options.byPolicy')}</span>}
              {k.source === 'agent' && !view.locked && (
                <button type="button" class="cc-o-btn cc-o-btn--quiet" onClick={() => remove(k.publicKey)}>
                  {t('options.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!view.locked && (
        <form class="cc-o-form cc-o-form--split" onSubmit={add} noValidate>
          <PublicKeyInput value={key} error={errors.publicKey} onInput={(v) => (setKey(v), setErrors({}))} />
          <Field id="cc-key-label" label={t('options.keys.label')} help={t('options.keys.labelHelp')} error={errors.label}>
            <input type="text" data-testid="cc-key-label" value={label} onInput={(e) => (setLabel(e.currentTarget.value), setErrors({}))} />
          </Field>
          <PackIdsInput value={packIds} error={errors.packIds} onInput={(v) => (setPackIds(v), setErrors({}))} />
          <div class="cc-o-actions">
            <button type="submit" class="cc-o-btn cc-o-btn--primary" data-testid="cc-key-add">
              {t('options.keys.add')}
            </button>
          </div>
        </form>
      )}
      <div class="cc-o-field cc-o-field--check">
        <label class="cc-o-choice">
          <input
            type="checkbox"
            data-testid="cc-allow-unsigned"
            checked={shown.allowUnsigned}
            disabled={view.allowUnsignedLocked}
            onChange={(e) => {
              const allow = e.currentTarget.checked;
              void apply({ allowUnsigned: allow }, () => run(async () => keep(await api.subscriptions.setAllowUnsigned(allow))));
            }}
          />
          <span>
            <strong>{t('options.keys.allowUnsigned')}</strong>{' '}
            {view.allowUnsignedLocked && <span class="cc-o-tag cc-o-tag--policy">{t('options.byPolicy')}</span>}
            <span class="cc-o-help">{t('options.keys.allowUnsignedHelp')}</span>
          </span>
        </label>
      </div>
      <div class="cc-o-actions cc-o-actions--status">
        <ActionStatus state={state} testid="cc-key-status" />
      </div>
    </section>
  );
}
