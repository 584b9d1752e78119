/**
 * The public-key and pack-ids fields of a trusted key, shared by the options page
 * (TrustedKeys) and the welcome's pack step (WelcomePack), so both ask the same way.
 */
import { Field } from './Field';
import { useOptions } from './options-context';

interface InputProps {
  value: string;
  error?: string;
  onInput(value: string): void;
}

export function PublicKeyInput({ value, error, onInput }: InputProps) {
  const { t } = useOptions();
  return (
    <Field id="cc-key-input" label={t('options.keys.key')} help={t('options.keys.keyHelp')} error={error}>
      <input type="text" spellcheck={false} autoComplete="off" data-testid="cc-key-input" value={value} onInput={(e) => onInput(e.currentTarget.value)} />
    </Field>
  );
}

export function PackIdsInput({ value, error, onInput }: InputProps) {
  const { t } = useOptions();
  return (
    <Field id="cc-key-pack-ids" label={t('options.keys.packIds')} help={t('options.keys.packIdsHelp')} error={error}>
      <input
        type="text"
        spellcheck={false}
        autoComplete="off"
        placeholder="acme.team-b, acme.*"
        data-testid="cc-key-pack-ids"
        value={value}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
    </Field>
  );
}
