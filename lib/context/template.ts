/**
 * Templates for the intake record and the transfer brief: `{name}` takes a variable,
 * `{name|masked}` takes it masked (for page fields, by the field's mask), `{{` and `}}` are
 * literal braces — the same syntax as phrases (lib/pack/text.ts), plus the one filter.
 * Pure string work; the result is inserted as text, never as HTML.
 */
import type { Mask } from '../pack/context-schema';
import { maskValue } from './mask';
import { tokenizeTemplate } from '../pack/text';

export const FILTERS = ['masked'] as const;
export type Filter = (typeof FILTERS)[number];

export { tokenizeTemplate, type TemplateToken } from '../pack/text';

export interface RenderOptions {
  /** How each page field is masked by `|masked`; anything else masks as free text. */
  masks?: Record<string, Mask>;
  /** Shown for a known variable with no value yet (a field not found on the page). */
  empty?: string;
}

export interface Rendered {
  text: string;
  /** Names the template uses that are not variables at all (left visible as `{name}`). */
  unknown: string[];
  /** Known variables with no value yet, shown as `empty`. */
  empty: string[];
}

/** Fill a template. `vars` holds every known name; a name absent from it is unknown. */
export function renderTemplate(template: string, vars: Record<string, string | undefined>, opts: RenderOptions = {}): Rendered {
  const unknown: string[] = [];
  const empty: string[] = [];
  const note = (list: string[], name: string) => void (list.includes(name) || list.push(name));
  let text = '';
  for (const token of tokenizeTemplate(template)) {
    if (token.kind === 'text') {
      text += token.value;
      continue;
    }
    const { name, filter } = token;
    // Own properties only: `{constructor}` must not pick up Object.prototype.constructor.
    if (!Object.prototype.hasOwnProperty.call(vars, name) || (filter !== undefined && !(FILTERS as readonly string[]).includes(filter))) {
      note(unknown, filter === undefined ? name : `${name}|${filter}`);
      text += filter === undefined ? `{${name}}` : `{${name}|${filter}}`;
      continue;
    }
    const value = vars[name]?.trim() ?? '';
    if (value === '') {
      note(empty, name);
      text += opts.empty ?? '';
      continue;
    }
    text += filter === 'masked' ? maskValue(value, opts.masks?.[name] ?? 'text') : value;
  }
  return { text, unknown, empty };
}

/** Variables a template uses, each once: `customer.phone|masked` counts as `customer.phone`. */
export function templateVariables(template: string): Array<{ name: string; filter?: string }> {
  const seen = new Set<string>();
  const out: Array<{ name: string; filter?: string }> = [];
  for (const t of tokenizeTemplate(template)) {
    if (t.kind !== 'var') continue;
    const key = `${t.name}|${t.filter ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(t.filter === undefined ? { name: t.name } : { name: t.name, filter: t.filter });
  }
  return out;
}
