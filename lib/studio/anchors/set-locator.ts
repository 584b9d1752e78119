/**
 * Puts a picked anchor into context.yaml's text (issue 12), keeping every other line as the
 * lead wrote it: the item's `selector` / `labelText` / `frame` lines are replaced by the new
 * ones, right under its `- id:` line (or `submit:`). Values are written as JSON strings, which
 * YAML reads back unchanged whatever they hold.
 */
import type { Locator } from '../../pack/context-schema';
import type { AnchorTarget } from '../../pick/pack-anchors';

const indentOf = (line: string) => line.length - line.trimStart().length;
const unquote = (s: string) => s.trim().replace(/^(['"])(.*)\1$/, '$2');

/** The key of the mapping a line at `i` belongs to (`fields` for an item of `fields:`). */
function parentKey(lines: string[], i: number): string | undefined {
  const own = indentOf(lines[i]!);
  for (let j = i - 1; j >= 0; j--) {
    const l = lines[j]!;
    if (l.trim() && indentOf(l) < own) return /^\s*(?:- )?([\w.-]+):\s*$/.exec(l)?.[1];
  }
  return undefined;
}

/** The line of `- id: <id>` in `section`, searched in [from, to). */
function findItem(lines: string[], section: string, id: string, from = 0, to = lines.length): number {
  for (let i = from; i < to; i++) {
    const m = /^\s*- id:\s*(.+)$/.exec(lines[i]!);
    if (m && unquote(m[1]!) === id && parentKey(lines, i) === section) return i;
  }
  return -1;
}

/** Lines after `start` that are deeper than it: its block. */
function blockEnd(lines: string[], start: number): number {
  const own = indentOf(lines[start]!);
  let i = start + 1;
  while (i < lines.length && (!lines[i]!.trim() || indentOf(lines[i]!) > own)) i++;
  return i;
}

function describeTarget(t: AnchorTarget): string {
  if (t.section === 'submit') return `submit for check "${t.check}"`;
  return `${t.section === 'fields' ? 'field' : t.section === 'guards' ? 'guard' : 'rule'} "${t.id}"`;
}

/** The new text, or an Error naming what was not found. */
export function setLocator(yaml: string, target: AnchorTarget, loc: Locator): string | Error {
  const lines = yaml.split('\n');
  let head: number;
  if (target.section !== 'submit' && target.section !== 'rules') head = findItem(lines, target.section, target.id);
  else {
    const check = findItem(lines, 'checks', target.check);
    if (check < 0) return new Error(`context.yaml has no check "${target.check}"`);
    const end = blockEnd(lines, check);
    if (target.section === 'rules') head = findItem(lines, 'rules', target.id, check, end);
    else head = lines.slice(check, end).findIndex((l) => /^\s*submit:\s*$/.test(l)) + check;
    if (head < check) head = -1;
  }
  if (head < 0) return new Error(`context.yaml has no ${describeTarget(target)}`);
  const end = blockEnd(lines, head);
  // An item's keys sit under its `id` (after "- "), a mapping's two deeper: +2 either way.
  const keyIndent = indentOf(lines[head]!) + 2;
  const pad = ' '.repeat(keyIndent);
  const body = lines.slice(head + 1, end).filter((l) => !(indentOf(l) === keyIndent && /^\s*(selector|labelText|frame):/.test(l)));
  const add = (['selector', 'labelText', 'frame'] as const).flatMap((k) => (loc[k] ? [`${pad}${k}: ${JSON.stringify(loc[k])}`] : []));
  return [...lines.slice(0, head + 1), ...add, ...body, ...lines.slice(end)].join('\n');
}
