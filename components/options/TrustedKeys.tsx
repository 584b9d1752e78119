import { useState } from 'preact/hooks';
import * as v from 'valibot';
import { TrustedKeySettingSchema } from '@/lib/packs/config-schema';
import type { SubscriptionsView } from '@/lib/packs/views';
import type { SubscriptionsApi } from '@/lib/panel/subscriptions-api';
import type { Settings } from '@/lib/settings/schema';
import type { OptionsKey } from './strings';

interface Props {
  view: SubscriptionsView;
  settings: Settings;
  tr: (k: OptionsKey) => string;
  act: (work: () => ReturnType<SubscriptionsApi['saveKeys']>) => Promise<void>;
  api: SubscriptionsApi;
}

/** The public keys packs must be signed with, by id (short enough to read out on a call), and the unsigned switch. */
export function TrustedKeys({ view, settings, tr, act, api }: Props) {
  const [key, setKey] = useState('');
  const [label, setLabel] = useState('');
  const add = (e: Event) => {
    e.preventDefault();
    const checked = v.safeParse(TrustedKeySettingSchema, label.trim() ? { publicKey: key, label: label.trim() } : { publicKey: key });
    void act(async () => {
      if (!checked.success) throw new Error(`${tr('keyPlaceholder')}: ${checked.issues[0].message}.`);
      const keys = [...settings.trustedKeys.filter((k) => k.publicKey !== checked.output.publicKey), checked.output];
      const r = await api.saveKeys(keys);
      setKey('');
      setLabel('');
      return r;
    });
  };
  const remove = (publicKey: string) => act(() => api.saveKeys(settings.trustedKeys.filter((k) => k.publicKey !== publicKey)));
  return (
    <>
      <h3>{tr('trustedKeys')}</h3>
      <p>{tr('keysHint')}</p>
      {view.trustedKeys.length === 0 && <p>{tr('noKeys')}</p>}
      <ul>
        {view.trustedKeys.map((k) => (
          <li key={k.publicKey} data-testid="cc-key" data-key-id={k.keyId}>
            {tr('keyId')} <code>{k.keyId}</code> {k.label} {k.source === 'policy' && <em>({tr('byPolicy')})</em>}{' '}
            {k.source === 'agent' && !view.locked && <button onClick={() => remove(k.publicKey)}>{tr('remove')}</button>}
          </li>
        ))}
      </ul>
      {!view.locked && (
        <form onSubmit={add}>
          <input data-testid="cc-key-input" placeholder={tr('keyPlaceholder')} value={key} onInput={(e) => setKey(e.currentTarget.value)} />{' '}
          <input data-testid="cc-key-label" placeholder={tr('keyLabelPlaceholder')} value={label} onInput={(e) => setLabel(e.currentTarget.value)} />{' '}
          <button type="submit" data-testid="cc-key-add">{tr('addKey')}</button>
        </form>
      )}
      <label class="cc-opt-radio">
        <input
          type="checkbox"
          data-testid="cc-allow-unsigned"
          checked={view.allowUnsigned}
          disabled={view.allowUnsignedLocked}
          onChange={(e) => act(() => api.setAllowUnsigned(e.currentTarget.checked))}
        />
        {tr('allowUnsigned')} {view.allowUnsignedLocked && <em>({tr('byPolicy')})</em>}
      </label>
    </>
  );
}
