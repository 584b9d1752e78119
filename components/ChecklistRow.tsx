/**
 * One checklist item. Experienced agents may skip a required item with a reason (kept on the
 * run as a record); new hires cannot, so they never pass a check that matters unnoticed.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChecklistItem } from '@/lib/pack/schema';
import { usePanelStore } from '@/lib/store/use-store';
import { usePackText, useT } from '@/lib/i18n/use-t';
import { useActiveRun } from './use-run';

const has = (record: Record<string, unknown>, key: string) => Object.prototype.hasOwnProperty.call(record, key);

export function ChecklistRow({ item }: { item: ChecklistItem }) {
  const store = usePanelStore();
  const tr = useT();
  const pt = usePackText();
  const active = useActiveRun();
  const [editing, setEditing] = useState(false);
  const boxRef = useRef<HTMLInputElement>(null);
  const reasonRef = useRef<HTMLInputElement>(null);
  useEffect(() => reasonRef.current?.focus(), [editing]);
  if (!active) return null;

  const { run, ctx } = active;
  const ticked = has(run.ticks, item.id);
  const skip = has(run.skips, item.id) ? run.skips[item.id] : undefined;
  const experienced = ctx.mode === 'experienced';
  const id = `cc-item-${item.id}`;
  const dispatch = store.getState().dispatch;

  const toggle = (box: HTMLInputElement) => {
    // A refused change must not leave the box showing a state the run does not have.
    if (!dispatch({ type: box.checked ? 'tick' : 'untick', itemId: item.id })) box.checked = ticked;
  };
  const closeEditor = () => {
    setEditing(false);
    boxRef.current?.focus();
  };
  const onReasonKey = (e: KeyboardEvent) => {
    const input = e.currentTarget as HTMLInputElement;
    if (e.key === 'Enter') {
      e.preventDefault();
      if (dispatch({ type: 'skip', itemId: item.id, reason: input.value })) closeEditor();
    } else if (e.key === 'Escape') {
      // Esc cancels only the skip, not the overlays the panel closes on Esc.
      e.stopPropagation();
      closeEditor();
    }
  };

  return (
    <li class={`cc-item${item.required ? ' cc-item--required' : ''}${ticked ? ' cc-item--done' : ''}${skip ? ' cc-item--skipped' : ''}`}>
      <div class="cc-item__main">
        <input
          ref={boxRef}
          type="checkbox"
          id={id}
          data-testid={id}
          checked={ticked}
          onChange={(e) => toggle(e.currentTarget)}
          // Space ticks natively; Enter does too here, as agents expect from a checklist.
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              e.currentTarget.click();
            }
          }}
        />
        <label for={id}>
          {pt(item.text)}
          {item.required && <span class="cc-badge cc-badge--required">{tr('check.required')}</span>}
          {item.verifiesIdentity && <span class="cc-badge cc-badge--identity">{tr('check.identity')}</span>}
        </label>
      </div>
      {skip ? (
        <div class="cc-item__skip">
          <span>{tr('check.skipped', { reason: skip.reason })}</span>
          {!experienced && <span class="cc-muted"> {tr('check.skipIgnored')}</span>}{' '}
          <button type="button" class="cc-link" onClick={() => dispatch({ type: 'unskip', itemId: item.id })}>
            {tr('check.undo')}
          </button>
        </div>
      ) : editing ? (
        <div class="cc-item__skip">
          <input
            ref={reasonRef}
            class="cc-input"
            data-testid={`cc-skip-reason-${item.id}`}
            aria-label={`${tr('check.skipReason')} (${tr('check.skipHint')})`}
            placeholder={tr('check.skipReason')}
            maxLength={500}
            onKeyDown={onReasonKey}
          />
          <span class="cc-muted cc-item__hint">{tr('check.skipHint')}</span>
        </div>
      ) : (
        experienced &&
        item.required &&
        !ticked && (
          <button type="button" class="cc-link cc-item__skip-btn" data-testid={`cc-skip-${item.id}`} onClick={() => setEditing(true)}>
            {tr('check.skip')}
          </button>
        )
      )}
    </li>
  );
}
