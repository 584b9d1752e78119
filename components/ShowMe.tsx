/**
 * "Show me" for the step's anchors: outlines the CRM element in the page (any frame) and
 * scrolls to it. A miss is said plainly, with the anchor's name; the background records it
 * for the team lead (Options → Broken anchors). The outline goes when the step does.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Step } from '@/lib/pack/schema';
import { usePanelStore } from '@/lib/store/use-store';
import { usePackText, useT } from '@/lib/i18n/use-t';
import { useActiveRun } from './use-run';
import './context.css';

type Status = { tone: 'muted' | 'ok' | 'error'; text: string };

export function ShowMe({ step }: { step: Step }) {
  const store = usePanelStore();
  const tr = useT();
  const pt = usePackText();
  const active = useActiveRun();
  const [status, setStatus] = useState<Status | null>(null);
  const shown = useRef(false);
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    setStatus(null);
    return () => {
      live.current = false;
      if (shown.current)
        void store
          .getState()
          .clearHighlight()
          .catch(() => undefined);
      shown.current = false;
    };
  }, [store, step.id]);
  const anchors = step.anchors ?? [];
  if (!active || !anchors.length) return null;
  const { run } = active;

  async function show(index: number) {
    const name = pt(anchors[index]!.name);
    setStatus({ tone: 'muted', text: tr('showme.looking') });
    shown.current = true;
    try {
      const r = await store
        .getState()
        .showAnchor({ packId: run.packId, version: run.packVersion, procedureId: run.procedureId, stepId: step.id, anchor: index });
      if (!live.current) return;
      const missing = tr('showme.missing', { anchor: r.error ? `${name} (${r.error})` : name });
      setStatus(r.found ? { tone: 'ok', text: tr('showme.found') } : { tone: 'error', text: missing });
    } catch (err) {
      if (live.current) setStatus({ tone: 'error', text: tr('showme.failed', { error: err instanceof Error ? err.message : String(err) }) });
    }
  }

  return (
    <div class="cc-showme" role="group" aria-label={tr('showme.label')}>
      {anchors.map((a, i) => (
        <button key={i} type="button" class="cc-btn cc-btn--small" data-testid={`cc-showme-${i}`} onClick={() => void show(i)}>
          {tr('showme.button', { name: pt(a.name) })}
        </button>
      ))}
      {status && (
        <p
          class={`cc-showme__status cc-result cc-result--${status.tone === 'muted' ? 'none' : status.tone}`}
          data-testid="cc-showme-status"
          role={status.tone === 'error' ? 'alert' : 'status'}
        >
          {status.text}
        </p>
      )}
    </div>
  );
}
