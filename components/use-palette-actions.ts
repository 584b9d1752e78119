/**
 * What Enter and Ctrl+Enter do with a palette result: insert a phrase into the CRM field (copy
 * it if that fails, as PhraseCard does), start a procedure, go back to a step the run has
 * been at — or say the step is shown read-only. Returns the message to announce on success.
 */
import { useRef } from 'preact/hooks';
import { whyNot } from '@/lib/engine';
import type { Channel, Procedure } from '@/lib/pack/schema';
import type { Hit } from '@/lib/search';
import { usePanelStore } from '@/lib/store/use-store';
import { usePackText, useT } from '@/lib/i18n/use-t';
import { useActions } from './actions';
import { insertFailureText } from './insert-failure';
import { useActiveRun } from './use-run';
import type { Target } from './palette-target';

export type Outcome = { close: true; message?: string } | { close: false; tone: 'info' | 'warn' | 'error'; text: string };

/** The run's own channel if the procedure has it, else the procedure's first. */
function channelFor(procedure: Procedure, current: Channel | undefined): Channel | undefined {
  if (procedure.kind !== 'contact' || !procedure.channels?.length) return undefined;
  return current && procedure.channels.includes(current) ? current : procedure.channels[0];
}

/** `unfilled`: the phrase's variables that have no value yet (inserted as raw `{name}`). */
export function usePaletteActions(phraseText: (t: Target) => string, unfilled: (t: Target) => string[] = () => []) {
  const store = usePanelStore();
  const tr = useT();
  const pt = usePackText();
  const actions = useActions();
  const active = useActiveRun();
  // The phrase whose unfilled variables the agent was warned about: a second Enter on it inserts.
  const warned = useRef<object | null>(null);

  async function activate(hit: Hit, t: Target): Promise<Outcome> {
    if (t.phrase) {
      const text = phraseText(t);
      const missing = unfilled(t);
      if (missing.length > 0 && warned.current !== t.phrase) {
        warned.current = t.phrase;
        return { close: false, tone: 'warn', text: tr('palette.unfilled', { vars: missing.map((v) => `{${v}}`).join(tr('list.separator')) }) };
      }
      warned.current = null;
      const res = await actions.insert(text).catch((err: unknown) => ({ ok: false as const, reason: String(err) }));
      if (res.ok) return { close: true, message: tr('phrase.inserted') };
      const why = insertFailureText(tr, res);
      const copied = await actions.copy(text).catch(() => false);
      return { close: false, tone: copied ? 'warn' : 'error', text: `${why} — ${tr(copied ? 'phrase.copiedInstead' : 'phrase.copyFailed')}` };
    }
    if (!t.step) {
      const channel = channelFor(t.procedure, active?.run.channel);
      const started = store.getState().startRun(hit.packId, hit.procedureId, channel ? { channel } : {});
      return started
        ? { close: true, message: tr('palette.started', { name: pt(t.procedure.title) }) }
        : { close: false, tone: 'error', text: tr('step.missing') };
    }
    // A step of the active run's procedure that the run has been at: go back there.
    const run = active?.run;
    const same = run && run.packId === hit.packId && run.procedureId === hit.procedureId;
    if (same && run.path[run.path.length - 1]?.stepId === t.step.id) return { close: true };
    if (same && whyNot(run, { type: 'goto', stepId: t.step.id, at: 0 }, active.ctx) === null) {
      store.getState().dispatch({ type: 'goto', stepId: t.step.id });
      return { close: true, message: tr('palette.jumped', { name: pt(t.step.title) }) };
    }
    return { close: false, tone: 'info', text: tr('palette.readOnly') };
  }

  async function copy(hit: Hit, t: Target): Promise<Outcome> {
    const ok = await actions.copy(t.phrase ? phraseText(t) : hit.text).catch(() => false);
    return ok ? { close: true, message: tr('phrase.copied') } : { close: false, tone: 'error', text: tr('phrase.copyFailed') };
  }

  return { activate, copy };
}
