/** A word-level diff as text: removed words struck out, new words underlined. Never HTML. */
import type { TextChange, TextOp } from '@/lib/pack/diff';
import type { Lang } from '@/lib/pack/schema';

export function DiffText({ ops }: { ops: TextOp[] }) {
  return (
    <span class="cc-diff">
      {ops.map((o, i) => (o.op === 'eq' ? <span key={i}>{o.text}</span> : o.op === 'del' ? <del key={i}>{o.text}</del> : <ins key={i}>{o.text}</ins>))}
    </span>
  );
}

/** The change to `field` in the agent's language, else in the other one (a zh-only edit still shows). */
export function pickText(changes: readonly TextChange[], field: string, lang: Lang): TextChange | undefined {
  const mine = changes.filter((c) => c.field === field);
  return mine.find((c) => c.lang === lang) ?? mine[0];
}
