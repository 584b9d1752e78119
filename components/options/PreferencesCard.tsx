/** Interface language and guidance mode: saved as soon as they change, the status beside them. */
import type { Settings } from '@/lib/settings/schema';
import { ActionStatus } from './ActionStatus';
import { Field } from './Field';
import { useOptions } from './options-context';
import { useAction } from './use-action';
import { usePending } from './use-pending';

const MODES = ['newHire', 'experienced'] as const;

export function PreferencesCard() {
  const { t, settings, save } = useOptions();
  const { state, run } = useAction();
  const [shown, apply] = usePending<Pick<Settings, 'lang' | 'mode'>>({ lang: settings.lang, mode: settings.mode });
  const set = (patch: Partial<Pick<Settings, 'lang' | 'mode'>>) => void apply(patch, () => run(() => save(patch)));
  return (
    <section class="cc-o-card" aria-labelledby="cc-opt-prefs-title">
      <h3 id="cc-opt-prefs-title">{t('options.prefs.heading')}</h3>
      <Field id="cc-opt-lang" label={t('options.prefs.lang')} help={t('options.prefs.langHelp')}>
        <select data-testid="cc-opt-lang" value={shown.lang} onChange={(e) => set({ lang: e.currentTarget.value as Settings['lang'] })}>
          <option value="auto">{t('options.prefs.langAuto')}</option>
          {/* Each language named in itself, so it can be found whatever the current one is. */}
          <option value="zh-CN">中文</option>
          <option value="en">English</option>
        </select>
      </Field>
      <div class="cc-o-field" role="radiogroup" aria-labelledby="cc-opt-mode-label">
        <span class="cc-o-field__label" id="cc-opt-mode-label">
          {t('options.prefs.mode')}
        </span>
        <div class="cc-o-field__body">
          {MODES.map((m) => (
            <label key={m} class="cc-o-choice">
              <input type="radio" name="mode" data-testid={`cc-opt-mode-${m}`} checked={shown.mode === m} onChange={() => set({ mode: m })} />
              <span>
                <strong>{t(`options.mode.${m}`)}</strong>
                <span class="cc-o-help">{t(`options.mode.${m}Help`)}</span>
              </span>
            </label>
          ))}
        </div>
      </div>
      <div class="cc-o-actions cc-o-actions--status">
        <ActionStatus state={state} testid="cc-opt-prefs-status" />
      </div>
    </section>
  );
}
