/**
 * Localised pack text and `{variable}` filling. Pure string work: the result is shown as
 * text, never as HTML, so nothing here escapes markup.
 */
import type { Lang, LText } from './schema';

/** The text in `lang`, falling back to zh-CN (the SOP's source language, always present). */
export function t(text: LText | undefined, lang: Lang): string {
  if (!text) return '';
  // An empty English string counts as untranslated: better Chinese than a blank card.
  if (lang === 'en' && text.en) return text.en;
  return text['zh-CN'];
}

export type TemplateToken = { kind: 'text'; value: string } | { kind: 'var'; name: string; filter?: string };

/**
 * `{name}`, `{customer.name}`, or with a filter `{customer.phone|masked}` (record templates,
 * lib/context/template.ts). Anything else in braces (`{ }`, `{客户}`, `{a b}`) stays
 * literal, so stray braces in prose never turn into "missing variables".
 * Sticky regex: matching at one position keeps the scan linear on brace-heavy text.
 */
const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)(?:\|([a-z]+))?\}/y;

/** Splits a template into literal text and placeholders; `{{` and `}}` are literal braces. */
export function tokenizeTemplate(template: string): TemplateToken[] {
  const tokens: TemplateToken[] = [];
  let text = '';
  let i = 0;
  while (i < template.length) {
    const c = template[i]!;
    // Escapes are checked before placeholders, so that `{{name}}` renders as the literal `{name}`.
    if ((c === '{' || c === '}') && template[i + 1] === c) {
      text += c;
      i += 2;
      continue;
    }
    if (c === '{') {
      PLACEHOLDER.lastIndex = i;
      const match = PLACEHOLDER.exec(template);
      if (match) {
        if (text) tokens.push({ kind: 'text', value: text });
        text = '';
        tokens.push(match[2] === undefined ? { kind: 'var', name: match[1]! } : { kind: 'var', name: match[1]!, filter: match[2] });
        i = PLACEHOLDER.lastIndex;
        continue;
      }
    }
    text += c;
    i += 1;
  }
  if (text) tokens.push({ kind: 'text', value: text });
  return tokens;
}

/** Phrases know no filters: a filtered placeholder stays literal text there, as before filters existed. */
function tokenize(template: string): TemplateToken[] {
  return tokenizeTemplate(template).map((t) => (t.kind === 'var' && t.filter !== undefined ? { kind: 'text' as const, value: `{${t.name}|${t.filter}}` } : t));
}

/**
 * Fill `{name}` placeholders from `vars` (flat keys: `vars['customer.name']`).
 * Unknown or blank variables stay visible as `{name}` so the agent sees what to say
 * themselves, and are listed in `missing` (each once, in order of appearance).
 */
export function fillVariables(template: string, vars: Record<string, string | undefined>): { text: string; missing: string[] } {
  const missing: string[] = [];
  let text = '';
  for (const token of tokenize(template)) {
    if (token.kind === 'text') {
      text += token.value;
      continue;
    }
    // Own properties only: `{constructor}` must not pick up Object.prototype.constructor.
    const value = Object.prototype.hasOwnProperty.call(vars, token.name) ? vars[token.name] : undefined;
    if (typeof value === 'string' && value.trim() !== '') {
      text += value;
    } else {
      text += `{${token.name}}`;
      if (!missing.includes(token.name)) missing.push(token.name);
    }
  }
  return { text, missing };
}

/** The variable names a template uses, each once, in order of appearance. */
export function listVariables(template: string): string[] {
  const names: string[] = [];
  for (const token of tokenize(template)) {
    if (token.kind === 'var' && !names.includes(token.name)) names.push(token.name);
  }
  return names;
}
