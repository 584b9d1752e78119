import { useState } from 'preact/hooks';
import * as v from 'valibot';
import { ANY_PACK_ID, MAX_PACK_ID_PATTERNS, packIdPatternProblem, splitPackIdPatterns } from '@/lib/pack/pack-id-pattern';
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

/** Why the typed pack ids cannot be saved, in the page's language (the rules: lib/pack/pack-id-pattern.ts). */
function packIdsProblem(ids: string[], tr: Props['tr']): string | undefined {
  if (!ids.length) return tr('keyPacksMissing');
  if (ids.includes(ANY_PACK_ID)) return tr('keyPacksAny');
  const bad = ids.filter((id) => packIdPatternProblem(id, { allowAny: false }) !== undefined);
  if (bad.length) return `${tr('keyPacksBad')}${bad.map((id) => `"${id}"`).join(', ')}`;
  return ids.length > MAX_PACK_ID_PATTERNS ? tr('keyPacksTooMany') : undefined;
}

/**
 * The public keys packs must be signed with, by id (short enough to read out on a call), each
 * with the pack ids it may sign (issue 10: a key bound to nothing could take over any pack),
 * and the unsigned switch.
 */
export function TrustedKeys({ view, settings, tr, act, api }: Props) {
  const [key, setKey] = useState('');
  const [label, setLabel] = useState('');
  const [packIds, setPackIds] = useState('');
  const add = (e: Event) => {
    e.preventDefault();
    const entry = { publicKey: key, packIds: splitPackIdPatterns(packIds), ...(label.trim() ? { label: label.trim() } : {}) };
    const checked = v.safeParse(TrustedKeySettingSchema, entry);
    const idsProblem = packIdsProblem(entry.packIds, tr);
    void act(async () => {
      // The key first (the field the agent filled first), then the pack ids, each named.
      const other = checked.success ? undefined : checked.issues.find((i) => !v.getDotPath(i)?.startsWith('packIds'));
      if (other) throw new Error(`${v.getDotPath(other) === 'label' ? tr('keyLabelPlaceholder') : tr('keyPlaceholder')}: ${other.message}.`);
      // The strings carry their own full stop (。 or .).
      if (idsProblem || !checked.success) throw new Error(idsProblem ?? tr('keyPacksMissing'));
      // Adding a key that is already listed replaces it: this is how its pack ids are changed.
      const keys = [...settings.trustedKeys.filter((k) => k.publicKey !== checked.output.publicKey), checked.output];
      const r = await api.saveKeys(keys);
      setKey('');
      setLabel('');
      setPackIds('');
      return r;
    });
  };
  const bound = (ids: string[]) => (ids.length ? ids.map((id) => (id === '*' ? tr('keyAnyPack') : id)).join(', ') : undefined);
  const remove = (publicKey: string) => act(() => api.saveKeys(settings.trustedKeys.filter((k) => k.publicKey !== publicKey)));
  return (
    <>
      <h3>{tr('trustedKeys')}</h3>
      <p>{tr('keysHint')}</p>
      <p>{tr('keyPacksHint')}</p>
      {view.trustedKeys.length === 0 && <p>{tr('noKeys')}</p>}
      <ul>
        {view.trustedKeys.map((k) => (
          <li key={k.publicKey} data-testid="cc-key" data-key-id={k.keyId}>
            {tr('keyId')} <code>{k.keyId}</code> {k.label} {k.source === 'policy' && <em>({tr('byPolicy')})</em>}{' '}
            {k.source === 'agent' && !view.locked && <button onClick={() => remove(k.publicKey)}>{tr('remove')}</button>}
            {bound(k.packIds) ? (
              <div data-testid="cc-key-packs">
                {tr('keyPacks')}: {bound(k.packIds)}
              </div>
            ) : (
              <div class="cc-opt-error" data-testid="cc-key-unbound" role="alert">
                {tr('keyNoPacks')}
              </div>
            )}
          </li>
        ))}
      </ul>
      {!view.locked && (
        <form onSubmit={add}>
          <input data-testid="cc-key-input" placeholder={tr('keyPlaceholder')} value={key} onInput={(e) => setKey(e.currentTarget.value)} />{' '}
          <input data-testid="cc-key-label" placeholder={tr('keyLabelPlaceholder')} value={label} onInput={(e) => setLabel(e.currentTarget.value)} />{' '}
          <input data-testid="cc-key-pack-ids" placeholder={tr('keyPacksPlaceholder')} value={packIds} onInput={(e) => setPackIds(e.currentTarget.value)} />{' '}
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
