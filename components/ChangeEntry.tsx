/** One added, removed or changed thing in a pack diff: what it is, and its words before → after. */
import type { ComponentChildren } from 'preact';
import type { ItemDiff } from '@/lib/pack/diff';
import { useLang, usePackText, useT } from '@/lib/i18n/use-t';
import type { MessageKey } from '@/lib/i18n/translate';
import { DiffText, pickText } from './DiffText';

export type ChangeKind = 'procedure' | 'step' | 'phrase' | 'check';

/** The field that names each kind: shown as the headline, diffed in place when it changed. */
const NAME_FIELD: Record<ChangeKind, string> = { procedure: 'title', step: 'title', phrase: 'text', check: 'text' };
const FIELD_NAMES = new Set(['title', 'description', 'guidance', 'label', 'text']);

export function ChangeEntry({ kind, entry, children }: { kind: ChangeKind; entry: ItemDiff; children?: ComponentChildren }) {
  const tr = useT();
  const pt = usePackText();
  const lang = useLang();
  const nameField = NAME_FIELD[kind];
  const renamed = pickText(entry.text, nameField, lang);
  const name = renamed ? (
    <DiffText ops={renamed.ops} />
  ) : entry.status === 'added' ? (
    <ins>{pt(entry.title)}</ins>
  ) : entry.status === 'removed' ? (
    <del>{pt(entry.title)}</del>
  ) : (
    pt(entry.title)
  );
  const otherFields = [...new Set(entry.text.map((t) => t.field).filter((f) => f !== nameField))];
  return (
    <div class={`cc-change cc-change--${entry.status}`} data-testid={`cc-change-${kind}-${entry.id}`} data-status={entry.status}>
      <div class="cc-change__head">
        <span class="cc-change__tag">{tr(`changes.${entry.status}`)}</span>
        <span class="cc-change__kind">{tr(`changes.${kind}`)}</span>
        <span class="cc-change__name">{name}</span>
      </div>
      {otherFields.map((field) => {
        const change = pickText(entry.text, field, lang);
        return (
          change && (
            <p key={field} class="cc-change__text">
              <span class="cc-muted">{FIELD_NAMES.has(field) ? tr(`changes.field.${field}` as MessageKey) : field}: </span>
              <DiffText ops={change.ops} />
            </p>
          )
        );
      })}
      {entry.fields.length > 0 && <p class="cc-muted">{tr('changes.fields', { fields: entry.fields.map((f) => f.field).join(tr('list.separator')) })}</p>}
      {children}
    </div>
  );
}
