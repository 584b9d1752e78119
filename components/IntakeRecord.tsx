/**
 * The step's record templates (intake record 2.5, transfer brief 3.3) filled from the
 * contact so far — need, checklist answers, steps with times, page fields — to insert into
 * the CRM's notes or ticket field, or copy. Text only: the CRM gets exactly what is shown.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { fieldMasks, packFields, templatesFor } from '@/lib/context/pack-context';
import { renderTemplate } from '@/lib/context/template';
import type { Step } from '@/lib/pack/schema';
import type { Template } from '@/lib/pack/context-schema';
import { packKey } from '@/lib/store/panel-store';
import { activeContextValues } from '@/lib/store/context-slice';
import { usePanel } from '@/lib/store/use-store';
import { useLang, usePackText, useT } from '@/lib/i18n/use-t';
import { useActions } from './actions';
import { useActiveRun } from './use-run';
import { recordVariables } from './record-vars';
import './context.css';

type Result = { tone: 'ok' | 'warn' | 'error'; text: string };

export function IntakeRecord({ step }: { step: Step }) {
  const tr = useT();
  const pt = usePackText();
  const lang = useLang();
  const actions = useActions();
  const active = useActiveRun();
  const pack = usePanel((s) => (active ? s.packs[packKey(active.run.packId, active.run.packVersion)] : undefined));
  const profile = usePanel((s) => s.settings.profile);
  const page = usePanel(activeContextValues);
  const [result, setResult] = useState<Record<string, Result>>({});
  const live = useRef(true);
  useEffect(() => () => void (live.current = false), []);
  if (!active || !pack) return null;
  const { run, procedure } = active;
  const templates = templatesFor(pack, procedure, step.id);
  if (!templates.length) return null;

  const compose = (tpl: Template) => {
    const channel = run.channel ? tr(`channel.${run.channel}`) : '';
    const vars = recordVariables(pack, procedure, run, { lang, now: Date.now(), profile, channel, page });
    return renderTemplate(pt(tpl.text), vars, { masks: fieldMasks(pack), empty: '—' });
  };
  const show = (id: string, r: Result) => live.current && setResult((all) => ({ ...all, [id]: r }));
  async function copy(tpl: Template) {
    const ok = await actions.copy(compose(tpl).text).catch(() => false);
    show(tpl.id, ok ? { tone: 'ok', text: tr('phrase.copied') } : { tone: 'error', text: tr('phrase.copyFailed') });
  }
  // Composed again at the click, so the duration is the one at the moment of insertion.
  async function insert(tpl: Template) {
    const text = compose(tpl).text;
    const res = await actions.insert(text).catch((err: unknown) => ({ ok: false as const, reason: String(err) }));
    if (res.ok) return show(tpl.id, { tone: 'ok', text: tr('phrase.inserted') });
    const why =
      res.reason === 'no-field' ? tr('phrase.noField') : res.reason === 'field-gone' ? tr('phrase.fieldGone') : tr('phrase.failed', { reason: res.reason });
    const copied = await actions.copy(text).catch(() => false);
    show(tpl.id, { tone: copied ? 'warn' : 'error', text: `${why} — ${tr(copied ? 'phrase.copiedInstead' : 'phrase.copyFailed')}` });
  }
  const names = Object.fromEntries(packFields(pack).map((f) => [f.id, pt(f.name)]));

  return (
    <section class="cc-records" aria-label={tr('record.label')}>
      {templates.map((tpl) => {
        const { text, empty } = compose(tpl);
        const missing = empty.filter((n) => names[n]).map((n) => names[n]);
        return (
          <article key={tpl.id} class="cc-card cc-record">
            <h3 class="cc-section-title">{pt(tpl.title)}</h3>
            <pre class="cc-record__text" data-testid={`cc-template-${tpl.id}`}>
              {text}
            </pre>
            {missing.length > 0 && <p class="cc-hint">{tr('record.missing', { fields: missing.join(tr('list.separator')) })}</p>}
            <div class="cc-record__actions">
              <button type="button" class="cc-btn cc-btn--small" data-testid={`cc-template-copy-${tpl.id}`} onClick={() => void copy(tpl)}>
                {tr('phrase.copy')}
              </button>
              <button type="button" class="cc-btn cc-btn--small cc-btn--primary" data-testid={`cc-template-insert-${tpl.id}`} onClick={() => void insert(tpl)}>
                {tr('phrase.insert')}
              </button>
              <span class={`cc-result cc-result--${result[tpl.id]?.tone ?? 'none'}`} data-testid={`cc-template-result-${tpl.id}`} aria-live="polite">
                {result[tpl.id]?.text}
              </span>
            </div>
          </article>
        );
      })}
    </section>
  );
}
