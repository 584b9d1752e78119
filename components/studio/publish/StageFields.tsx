/** Hub mode: the stage to publish to, the pilot's audience and an optional time. */
import { tp } from '../../../lib/i18n/studio-publish';

export interface StageChoice {
  stage: string;
  audience: string;
  at: string;
}

export function StageFields(props: { lang: 'en' | 'zh'; stages: string[]; value: StageChoice; onChange(v: StageChoice): void }) {
  const { value, lang } = props;
  const set = (patch: Partial<StageChoice>) => props.onChange({ ...value, ...patch });
  return (
    <fieldset class="field" data-field="stage">
      <legend>{tp(lang, 'stageLabel')}</legend>
      {props.stages.map((s) => (
        <label key={s} class="choice">
          <input type="radio" name="cc-publish-stage" value={s} checked={value.stage === s} onChange={() => set({ stage: s })} />
          {tp(lang, `stage.${s}` as 'stage.draft')}
        </label>
      ))}
      {value.stage === 'pilot' ? (
        <label class="block">
          {tp(lang, 'audienceLabel')}
          <input type="text" value={value.audience} onInput={(e) => set({ audience: e.currentTarget.value })} />
        </label>
      ) : null}
      {value.stage !== 'draft' ? (
        <label class="block">
          {tp(lang, 'atLabel')}
          <input type="datetime-local" value={value.at} onInput={(e) => set({ at: e.currentTarget.value })} />
        </label>
      ) : null}
    </fieldset>
  );
}
