/**
 * The palette itself: results update as the agent types (中文, pinyin initials or English),
 * arrows move, Enter inserts a phrase / starts a procedure / goes back to a visited step,
 * Ctrl+Enter copies, Esc closes and gives the focus back.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { fillVariables } from '@/lib/pack/text';
import { search, type Hit } from '@/lib/search';
import { usePanel } from '@/lib/store/use-store';
import { useLang, usePackText, useT } from '@/lib/i18n/use-t';
import { indexFor, resolveHit, type Target } from './palette-target';
import { usePaletteActions, type Outcome } from './use-palette-actions';
import { PalettePreview } from './PalettePreview';

const LIMIT = 30;
type Note = { tone: 'info' | 'warn' | 'error'; text: string };

export function PaletteDialog({ onClose }: { onClose: (message?: string) => void }) {
  const tr = useT();
  const lang = useLang();
  const pt = usePackText();
  const packs = usePanel((s) => s.packs);
  const latest = usePanel((s) => s.latest);
  const profile = usePanel((s) => s.settings.profile);
  const index = useMemo(() => indexFor(packs, latest), [packs, latest]);
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState(0);
  const [note, setNote] = useState<Note | null>(null);
  const hits = useMemo(() => search(index, query, { limit: LIMIT, lang }), [index, query, lang]);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    inputRef.current?.focus();
    return () => {
      if (before?.isConnected && before !== document.body) before.focus();
    };
  }, []);
  useEffect(() => listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView?.({ block: 'nearest' }), [selected, hits]);

  const vars = { company: profile.company, agentId: profile.agentId, agentName: profile.name };
  const targetOf = (hit: Hit | undefined) => (hit ? resolveHit(packs, latest, hit) : undefined);
  const phraseText = (t: Target) => (t.phrase ? fillVariables(pt(t.phrase.text), vars).text : '');

  const palette = usePaletteActions(phraseText, (t) => (t.phrase ? fillVariables(pt(t.phrase.text), vars).missing : []));
  const run = async (hit: Hit | undefined, how: 'activate' | 'copy') => {
    const t = targetOf(hit);
    if (!hit || !t) return;
    const outcome: Outcome = await palette[how](hit, t);
    if (outcome.close) onClose(outcome.message);
    else setNote({ tone: outcome.tone, text: outcome.text });
  };

  const onKey = (e: KeyboardEvent) => {
    // While an IME is composing, Enter and the arrows pick its candidates, not our results.
    if (e.isComposing || e.keyCode === 229) return;
    const move = (d: number) => {
      e.preventDefault();
      if (hits.length) setSelected((i) => (i + d + hits.length) % hits.length);
    };
    if (e.key === 'ArrowDown') move(1);
    else if (e.key === 'ArrowUp') move(-1);
    else if (e.key === 'Enter') {
      e.preventDefault();
      void run(hits[selected], e.ctrlKey || e.metaKey ? 'copy' : 'activate');
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    }
  };
  const onQuery = (value: string) => {
    setQuery(value);
    setSelected(0);
    setNote(null);
  };
  const where = (hit: Hit) => {
    const t = targetOf(hit);
    if (!t) return '';
    return hit.kind === 'procedure' ? pt(t.pack.title) : hit.kind === 'step' ? pt(t.procedure.title) : `${pt(t.procedure.title)} › ${pt(t.step?.title)}`;
  };
  const current = hits[selected];
  const currentTarget = targetOf(current);

  return (
    <div class="cc-overlay" onClick={(e) => e.target === e.currentTarget && onClose()}>
      {/* Keys stay inside the dialog: panel shortcuts must not act behind it. */}
      <div
        class="cc-dialog cc-palette"
        role="dialog"
        aria-modal="true"
        aria-label={tr('palette.title')}
        data-testid="cc-palette"
        onKeyDown={(e) => e.stopPropagation()}
      >
        <input
          ref={inputRef}
          class="cc-input cc-palette__input"
          data-testid="cc-palette-input"
          role="combobox"
          aria-expanded={hits.length > 0}
          aria-controls="cc-palette-list"
          aria-autocomplete="list"
          aria-activedescendant={current ? `cc-hit-${selected}` : undefined}
          aria-label={tr('palette.title')}
          placeholder={tr('palette.placeholder')}
          value={query}
          onInput={(e) => onQuery(e.currentTarget.value)}
          onKeyDown={onKey}
        />
        <ul id="cc-palette-list" ref={listRef} class="cc-palette__list" role="listbox" aria-label={tr('palette.results')}>
          {hits.map((hit, i) => (
            <li
              key={`${hit.kind}:${hit.packId}:${hit.procedureId}:${hit.stepId ?? ''}:${hit.phraseId ?? ''}`}
              id={`cc-hit-${i}`}
              role="option"
              aria-selected={i === selected}
              class="cc-palette__hit"
              data-testid={`cc-hit-${i}`}
              data-kind={hit.kind}
              data-id={hit.phraseId ?? hit.stepId ?? hit.procedureId}
              onMouseMove={() => i !== selected && setSelected(i)}
              onClick={() => void run(hit, 'activate')}
            >
              <span class={`cc-palette__kind cc-palette__kind--${hit.kind}`}>{tr(`palette.kind.${hit.kind}`)}</span>
              <span class="cc-palette__text">{hit.text}</span>
              <span class="cc-palette__where">{where(hit)}</span>
            </li>
          ))}
        </ul>
        {query.trim() === '' && <p class="cc-muted cc-palette__hint">{tr('palette.hint')}</p>}
        {query.trim() !== '' && hits.length === 0 && (
          <p class="cc-muted cc-palette__hint" data-testid="cc-palette-empty">
            {tr('palette.none', { query: query.trim() })}
          </p>
        )}
        {note && (
          <p class={`cc-palette__note cc-palette__note--${note.tone}`} role="alert" data-testid="cc-palette-note">
            {note.text}
          </p>
        )}
        {current && currentTarget && <PalettePreview hit={current} target={currentTarget} text={phraseText(currentTarget)} />}
      </div>
    </div>
  );
}
