/**
 * Company, agent ID and name: typed into a draft, checked field by field, saved with one
 * button. A refusal or a failed save leaves the draft as typed. Also the welcome's first step.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { errorText } from '@/lib/options/errors';
import { checkProfile, trimProfile } from '@/lib/options/validate';
import type { Settings } from '@/lib/settings/schema';
import { ActionStatus } from './ActionStatus';
import { Field } from './Field';
import { useOptions } from './options-context';
import { useAction } from './use-action';

type Key = keyof Settings['profile'];
const KEYS: Key[] = ['company', 'agentId', 'name'];

interface Props {
  submitLabel?: string;
  onSaved?(): void;
  /** More buttons beside Save (the welcome's Skip). */
  children?: ComponentChildren;
}

export function ProfileForm({ submitLabel, onSaved, children }: Props) {
  const { t, lang, settings, save } = useOptions();
  const [draft, setDraft] = useState(settings.profile);
  const [errors, setErrors] = useState<Partial<Record<Key, string>>>({});
  const { state, run, reset } = useAction();

  const submit = async (e: Event) => {
    e.preventDefault();
    const problems = checkProfile(draft);
    const texts = Object.fromEntries(Object.entries(problems).map(([k, p]) => [k, errorText(p, lang)]));
    setErrors(texts);
    if (Object.keys(texts).length) return;
    if (await run(() => save({ profile: trimProfile(draft) }))) onSaved?.();
  };
  const edit = (k: Key) => (e: Event) => {
    setDraft({ ...draft, [k]: (e.currentTarget as HTMLInputElement).value });
    setErrors({ ...errors, [k]: undefined });
    if (state.phase === 'done') reset();
  };

  return (
    <form class="cc-o-form" onSubmit={submit} noValidate data-testid="cc-opt-profile">
      {KEYS.map((k) => (
        <Field key={k} id={`cc-opt-${k}`} label={t(`options.profile.${k}`)} help={t(`options.profile.${k}Help`)} error={errors[k]}>
          <input type="text" data-testid={`cc-opt-${k}`} value={draft[k]} onInput={edit(k)} autoComplete="off" spellcheck={false} />
        </Field>
      ))}
      <div class="cc-o-actions">
        <button type="submit" class="cc-o-btn cc-o-btn--primary" data-testid="cc-opt-profile-save" disabled={state.phase === 'busy'}>
          {submitLabel ?? t('options.save')}
        </button>
        {children}
        <ActionStatus state={state} testid="cc-opt-profile-status" />
      </div>
    </form>
  );
}
