/**
 * PackDiff → text for a terminal or a review comment. Without colour, changes are marked
 * like `git diff --word-diff`: [-removed-]{+added+}.
 */
import type { FieldChange, ItemDiff, PackDiff, Status, TextChange } from './diff';
import type { LText } from './schema';

const ANSI = { red: '\x1b[31m', green: '\x1b[32m', yellow: '\x1b[33m', bold: '\x1b[1m', reset: '\x1b[0m' };
const MARK: Record<Status, string> = { added: '+', removed: '-', changed: '~' };

export function formatDiff(diff: PackDiff, opts: { color: boolean }): string {
  const paint = (code: keyof typeof ANSI, s: string) => (opts.color ? `${ANSI[code]}${s}${ANSI.reset}` : s);
  const lines: string[] = [];
  const versions = diff.oldVersion === diff.newVersion ? `version ${diff.newVersion}` : `version ${diff.oldVersion} → ${diff.newVersion}`;
  lines.push(paint('bold', `Pack ${diff.packId}: ${versions}`));

  const ops = (c: TextChange) =>
    c.ops
      .map(({ op, text }) => {
        if (op === 'eq') return text;
        if (opts.color) return paint(op === 'add' ? 'green' : 'red', text);
        return op === 'add' ? `{+${text}+}` : `[-${text}-]`;
      })
      .join('');
  const details = (indent: string, text: TextChange[], fields: FieldChange[]) => {
    for (const c of text) lines.push(`${indent}${c.field} (${c.lang}): ${oneLine(ops(c))}`);
    for (const f of fields) lines.push(`${indent}${f.field}: ${show(f.old)} → ${show(f.new)}`);
  };
  const head = (indent: string, kind: string, e: { status: Status; id: string; title: LText }) => {
    const color = e.status === 'added' ? 'green' : e.status === 'removed' ? 'red' : 'yellow';
    lines.push(`${indent}${paint(color, `${MARK[e.status]} ${kind} ${e.id}`)}  ${oneLine(name(e.title))}`);
  };
  const items = (indent: string, kind: string, list: ItemDiff[]) => {
    for (const item of list) {
      head(indent, kind, item);
      details(`${indent}    `, item.text, item.fields);
    }
  };

  details('  ', diff.text, diff.fields);
  for (const proc of diff.procedures) {
    head('', 'procedure', proc);
    details('    ', proc.text, proc.fields);
    for (const step of proc.steps) {
      head('  ', 'step', step);
      details('      ', step.text, step.fields);
      items('    ', 'phrase', step.phrases);
      items('    ', 'checklist item', step.checklist);
    }
  }
  if (lines.length === 1) lines.push('No differences.');
  return `${lines.join('\n')}\n`;
}

function name(t: LText): string {
  return t.en ? `${t['zh-CN']} | ${t.en}` : t['zh-CN'];
}

/** Keep one change per line: newlines inside texts are shown as ⏎. */
function oneLine(s: string): string {
  return s.replace(/\r?\n/g, '⏎');
}

function show(v: unknown): string {
  if (v === undefined) return '(none)';
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join(', ') || '(none)';
  return JSON.stringify(v);
}
