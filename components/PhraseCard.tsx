/** A standard phrase with the agent's details filled in, to copy or insert into the CRM. */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Phrase } from '@/lib/pack/schema';
import { fillVariables, listVariables } from '@/lib/pack/text';
import { usePanel, usePanelStore } from '@/lib/store/use-store';
import { activeContextValues } from '@/lib/store/context-slice';
import { usePackText, useT } from '@/lib/i18n/use-t';
import { useActions } from './actions';
import { insertFailureText } from './insert-failure';
import { useBinding } from './use-binding';
import { useShortcuts } from './panel-shortcuts';

/** The variables an agent can fill themselves in Options (others, like customer.name, cannot). */
const PROFILE_VARS = ['company', 'agentId', 'agentName'] as const;

type Part = string | { missing: string };

/**
 * Split for display without re-implementing the template syntax: fill every variable with a
 * numbered private-use marker through lib/pack/text, then cut at the markers. Escapes like
 * `{{` are thereby handled exactly as in the copied and inserted text.
 */
export function phraseParts(template: string, vars: Record<string, string>): Part[] {
  const names = listVariables(template);
  const marked = fillVariables(template, Object.fromEntries(names.map((n, i) => [n, `\uE000${i}\uE001`]))).text;
  return marked
    .split(/\uE000(\d+)\uE001/)
    .map((piece, i): Part => {
      if (i % 2 === 0) return piece;
      const name = names[Number(piece)] as string;
      const value = vars[name];
      return value !== undefined && value.trim() !== '' ? value : { missing: name };
    })
    .reduce<Part[]>((parts, part) => {
      // Merge neighbouring text so the rendered paragraph is plain text nodes and <mark>s.
      const last = parts[parts.length - 1];
      if (typeof part === 'string' && typeof last === 'string') parts[parts.length - 1] = last + part;
      else if (part !== '') parts.push(part);
      return parts;
    }, []);
}

type Result = { tone: 'ok' | 'warn' | 'error'; text: string };

export function PhraseCard({ phrase, n }: { phrase: Phrase; n: number }) {
  const tr = useT();
  const keys = useBinding('insert', n);
  const pt = usePackText();
  const actions = useActions();
  const store = usePanelStore(); // practice scoring: which standard phrases were used (issue 13.4)
  const profile = usePanel((s) => s.settings.profile);
  const [result, setResult] = useState<Result | null>(null);
  const live = useRef(true);
  useEffect(() => () => void (live.current = false), []);
  const show = (r: Result) => live.current && setResult(r);

  const page = usePanel(activeContextValues); // customer.name etc., read from the CRM page
  const vars = useMemo(() => ({ ...page, company: profile.company, agentId: profile.agentId, agentName: profile.name }), [profile, page]);
  const template = pt(phrase.text);
  const { text, missing } = fillVariables(template, vars);
  const missingProfile = PROFILE_VARS.filter((v) => missing.includes(v));
  const keyed = n <= 9;

  async function copy() {
    setResult(null); // a stale result beside a new attempt would read as its outcome
    const ok = await actions.copy(text).catch(() => false);
    if (ok) store.getState().notePhraseUsed(phrase.id);
    show(ok ? { tone: 'ok', text: tr('phrase.copied') } : { tone: 'error', text: tr('phrase.copyFailed') });
  }
  // Unfilled variables would go into the CRM as raw "{company}": only after the agent says so.
  const [confirming, setConfirming] = useState(false);
  const anyway = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) anyway.current?.focus();
  }, [confirming]);
  // A failed insert still leaves the agent with the text: copy it so Ctrl+V works at once.
  async function insert(confirmed = false) {
    if (missing.length > 0 && !confirmed) return setConfirming(true);
    setConfirming(false);
    setResult(null); // the last outcome must not stand for this one while it is on its way
    const res = await actions.insert(text).catch((err: unknown) => ({ ok: false as const, reason: String(err) }));
    if (res.ok) return (store.getState().notePhraseUsed(phrase.id), show({ tone: 'ok', text: tr('phrase.inserted') }));
    const why = insertFailureText(tr, res);
    const copied = await actions.copy(text).catch(() => false);
    if (copied) store.getState().notePhraseUsed(phrase.id);
    show({ tone: copied ? 'warn' : 'error', text: `${why} — ${tr(copied ? 'phrase.copiedInstead' : 'phrase.copyFailed')}` });
  }
  useShortcuts({ insert: (m) => void (keyed && m.n === n && insert()) });

  return (
    <article class="cc-phrase">
      <header class="cc-phrase__head">
        {keyed && (
          <kbd class="cc-phrase__num" title={keys}>
            {n}
          </kbd>
        )}
        <span class="cc-phrase__label">{pt(phrase.label)}</span>
      </header>
      <p class="cc-phrase__text" data-testid={`cc-phrase-${phrase.id}`}>
        {phraseParts(template, vars).map((part, i) => (typeof part === 'string' ? part : <mark key={i} class="cc-var-missing">{`{${part.missing}}`}</mark>))}
      </p>
      {missingProfile.length > 0 && (
        <p class="cc-hint">
          {tr('phrase.missingHint', { fields: missingProfile.map((v) => tr(`var.${v}`)).join(tr('list.separator')) })}{' '}
          <button type="button" class="cc-link" onClick={() => actions.openOptions()}>
            {tr('phrase.openOptions')}
          </button>
        </p>
      )}
      <div class="cc-phrase__actions">
        <button type="button" class="cc-btn cc-btn--small" data-testid={`cc-copy-${phrase.id}`} onClick={() => void copy()}>
          {tr('phrase.copy')}
        </button>
        <button
          type="button"
          class="cc-btn cc-btn--small cc-btn--primary"
          data-testid={`cc-insert-${phrase.id}`}
          title={keyed ? tr('phrase.insertHint', { keys }) : undefined}
          aria-keyshortcuts={keyed ? keys : undefined}
          onClick={() => void insert()}
        >
          {tr('phrase.insert')}
        </button>
        {confirming && (
          <div
            class="cc-confirm"
            role="group"
            aria-labelledby={`cc-unfilled-${phrase.id}`}
            data-testid="cc-insert-confirm"
            onKeyDown={(e) => {
              if (e.key !== 'Escape') return;
              e.stopPropagation();
              setConfirming(false);
            }}
          >
            <p id={`cc-unfilled-${phrase.id}`} class="cc-hint">
              {tr('phrase.unfilled', { vars: missing.map((v) => `{${v}}`).join(tr('list.separator')) })}
            </p>
            <button ref={anyway} type="button" class="cc-btn cc-btn--small cc-btn--primary" data-testid="cc-insert-anyway" onClick={() => void insert(true)}>
              {tr('phrase.insertAnyway')}
            </button>{' '}
            <button type="button" class="cc-btn cc-btn--small" data-testid="cc-insert-cancel" onClick={() => setConfirming(false)}>
              {tr('phrase.cancelInsert')}
            </button>
          </div>
        )}
        <span class={`cc-result cc-result--${result?.tone ?? 'none'}`} data-testid="cc-insert-result" aria-live="polite">
          {result?.text}
        </span>
      </div>
    </article>
  );
}
