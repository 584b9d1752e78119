/**
 * Form: the common edits of one step — title, guidance, phrases, checklist items, choices —
 * written into the same Markdown (lib/studio/form-edit.ts). A field commits when it loses
 * focus or on Enter; a refused edit says why next to the field, and the text is not touched.
 */
import { useMemo, useState } from 'preact/hooks';
import type { ItemDraft, StepDraft } from '@/lib/pack/authoring/markdown-body';
import { splitName } from '@/lib/pack/authoring/syntax';
import { setChoice, setGuidance, setItemText, setStepTitle } from '@/lib/studio/form-edit';
import { readProcedures } from '@/lib/studio/source-model';
import type { StudioPaneProps } from '@/lib/studio/contract';
import { studioT } from '@/lib/i18n/studio-t';
import { FormField } from './FormField';
import { ProcedureSelect } from './ProcedureSelect';

const joinName = (n: { zh: string; en?: string }) => (n.en ? `${n.zh} | ${n.en}` : n.zh);

export function FormPane({ files, setFile, lang }: StudioPaneProps) {
  const t = studioT(lang);
  const procs = useMemo(() => readProcedures(files), [files]);
  const [where, setWhere] = useState(() => ({ file: procs[0]?.file ?? '', step: procs[0]?.steps[0]?.id ?? '' }));
  const proc = procs.find((p) => p.file === where.file) ?? procs[0];
  const step = proc?.steps.find((s) => s.id === where.step) ?? proc?.steps[0];
  if (!proc || !step) return <p class="studio-note">{t('studio.noPack')}</p>;
  const text = files[proc.file]!;
  const apply = (fn: (text: string) => string) => setFile(proc.file, fn(text));
  const d: StepDraft = step.draft;
  const item = (it: ItemDraft, label: string) => (
    <div class="studio-form-item" key={`${it.kind}-${it.id ?? it.line}`}>
      <FormField
        label={`${label} · 中文`}
        value={it.zh.join(' ')}
        testId={`studio-form-${it.kind}-${it.id}-zh`}
        onCommit={(v) => apply((s) => setItemText(s, it, { zh: v, en: it.en?.join(' ') }))}
        t={t}
      />
      <FormField
        label={`${label} · English`}
        value={it.en?.join(' ') ?? ''}
        testId={`studio-form-${it.kind}-${it.id}-en`}
        onCommit={(v) => apply((s) => setItemText(s, it, { zh: it.zh.join(' '), en: v }))}
        t={t}
      />
    </div>
  );
  return (
    <div class="studio-form" data-testid="studio-form">
      <div class="studio-form-where">
        <ProcedureSelect label={t('studio.map.procedure')} value={proc.file} procs={procs} onChange={(file) => setWhere({ file, step: '' })} />
        <label>
          {t('studio.form.step')}{' '}
          <select data-testid="studio-form-step" value={step.id} onChange={(e) => setWhere({ file: proc.file, step: (e.target as HTMLSelectElement).value })}>
            {proc.steps.map((s) => (
              <option key={s.id} value={s.id}>
                {joinName(s.title)} (#{s.id})
              </option>
            ))}
          </select>
        </label>
      </div>
      <FormField
        label={t('studio.form.title')}
        value={joinName(d.title)}
        testId="studio-form-title"
        onCommit={(v) => apply((s) => setStepTitle(s, d, splitName(v)))}
        t={t}
      />
      <FormField
        label={`${t('studio.form.guidance')} · 中文`}
        value={d.guidance.zh[0] ?? ''}
        testId="studio-form-guidance-zh"
        onCommit={(v) => apply((s) => setGuidance(s, d, { zh: v, en: d.guidance.en[0] }))}
        t={t}
      />
      <FormField
        label={`${t('studio.form.guidance')} · English`}
        value={d.guidance.en[0] ?? ''}
        testId="studio-form-guidance-en"
        onCommit={(v) => apply((s) => setGuidance(s, d, { zh: d.guidance.zh[0] ?? '', en: v }))}
        t={t}
      />
      {d.phrases.map((p) => item(p, t('studio.form.phrase', { id: p.id ?? '' })))}
      {d.checklist.map((c) => item(c, t('studio.form.check', { id: c.id ?? '' })))}
      {d.choices.map((c) => (
        <div class="studio-form-item" key={`choice-${c.line}`}>
          <FormField
            label={t('studio.form.choice', { id: c.target ?? '' })}
            value={`${c.zh[0] ?? ''}: ${c.target ?? ''}`}
            testId={`studio-form-choice-${c.line}`}
            onCommit={(v) => {
              const m = /^(.*?)\s*[:：]\s*([^\s:：]+)$/.exec(v);
              apply((s) => setChoice(s, c, splitName(m?.[1] ?? v), m?.[2] ?? ''));
            }}
            t={t}
          />
        </div>
      ))}
    </div>
  );
}
