/** The private key file input: read here, never uploaded; the key id or the mix-up shown beside it. */
import { useState } from 'preact/hooks';
import { tp } from '../../../lib/i18n/studio-publish';
import { readKeyFile, type LoadedKey } from '../../../lib/studio/publish/key-file';

type Loaded = Extract<LoadedKey, { ok: true }>;

export function KeyField(props: { lang: 'en' | 'zh'; trusted?: string[]; error?: string; onKey(key: Loaded | undefined): void }) {
  const [state, setState] = useState<LoadedKey | undefined>();
  const onChange = async (e: Event) => {
    const file = (e.currentTarget as HTMLInputElement).files?.[0];
    const loaded = file ? await readKeyFile(await file.text()) : undefined;
    setState(loaded);
    props.onKey(loaded?.ok ? loaded : undefined);
  };
  const untrusted = state?.ok && props.trusted && !props.trusted.includes(state.keyId);
  const problem =
    props.error ??
    (state && !state.ok ? state.message : untrusted ? tp(props.lang, 'keyNotTrusted', { keyId: state.keyId, trusted: props.trusted!.join(', ') }) : undefined);
  return (
    <div class="field" data-field="key">
      <label for="cc-publish-key">{tp(props.lang, 'keyLabel')}</label>
      <input id="cc-publish-key" type="file" onChange={onChange} aria-describedby="cc-publish-key-status" aria-invalid={problem ? 'true' : undefined} />
      <p id="cc-publish-key-status" class={problem ? 'error' : 'hint'} role={problem ? 'alert' : undefined}>
        {problem ?? (state?.ok ? tp(props.lang, 'keyLoaded', { keyId: state.keyId }) : tp(props.lang, 'keyHelp'))}
      </p>
    </div>
  );
}
