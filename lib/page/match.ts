/**
 * Finds a CRM element by CSS selector or by the text of its label, the way an agent would:
 * a `<label for>` (or a label wrapping the field), else the table cell whose text matches,
 * then the field in the next cell of the same row (or the same column of the next row).
 * Runs in every frame's content script: no dependencies.
 */
import type { Locator } from '../pack/context-schema';
import { elementsAround, newLookupCache, openShadowRoots, type LookupCache, type Scope } from './text-search';
import { deepQuerySelector } from './shadow';

// Fields an agent types into or picks from. Buttons and hidden inputs are never "the field".
export const CONTROL =
  'input:not([type=hidden]):not([type=button]):not([type=submit]):not([type=reset]):not([type=image]),textarea,select,[contenteditable=""],[contenteditable="true"]';

export class BadSelectorError extends Error {
  override name = 'BadSelectorError';
}

export const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
// "客户姓名：" and "* Name:" are the label "客户姓名" / "Name": ignore marks around it.
export const bare = (s: string) => s.replace(/^[\s*＊]+|[\s:：*＊]+$/g, '');

/** 2: the whole label; 1: it starts the text; 0: somewhere inside; -1: no match. */
export function score(text: string, want: string): number {
  if (!text.includes(want)) return -1;
  const t = bare(text);
  return t === want ? 2 : t.startsWith(want) ? 1 : 0;
}

/** Does this frame qualify for a locator's frame hint (URL part or exact frame name)? */
export function frameMatches(hint: string | undefined, win: Window): boolean {
  if (!hint) return true;
  if (win.name === hint) return true;
  const { pathname, search, hash } = win.location;
  return (pathname + search + hash).includes(hint);
}

export function controlAfter(cell: Element): Element | null {
  for (let c = cell.nextElementSibling; c; c = c.nextElementSibling) {
    const found = c.matches(CONTROL) ? c : c.querySelector(CONTROL);
    if (found) return found;
  }
  // Label above the field: the cell in the same column of the next row.
  const row = cell.parentElement;
  const below = row?.nextElementSibling?.children[Array.prototype.indexOf.call(row.children, cell)];
  return below ? (below.matches(CONTROL) ? below : below.querySelector(CONTROL)) : null;
}

export function labelTarget(scope: Scope, label: HTMLLabelElement): Element | null {
  if (label.htmlFor) return scope.getElementById(label.htmlFor);
  return label.querySelector(CONTROL);
}

/**
 * Only labels and cells whose text holds `want` can score: they are found where the text
 * occurs (text-search.ts), in document order, and ranked exactly as a walk over every
 * <label>, then every <td>/<th>, would rank them.
 */
function bestIn(scope: Scope, want: string, cache: LookupCache): { el: Element | null; score: number } {
  let best: Element | null = null;
  let bestScore = -1;
  const around = elementsAround(scope, want, 'label, td, th', cache);
  if (!around.length) return { el: null, score: -1 };
  for (const label of around.filter((el): el is HTMLLabelElement => el.localName === 'label')) {
    const s = score(norm(label.textContent), want);
    if (s <= bestScore) continue;
    const target = labelTarget(scope, label);
    if (!target) continue;
    [best, bestScore] = [target, s];
    if (s === 2) return { el: best, score: s };
  }
  // Legacy table layouts: a cell holding only the label text. Long cells are layout cells
  // (a whole form inside one <td>); skip them before paying for their text.
  const limit = want.length * 4 + 40;
  for (const cell of around.filter((el) => el.localName === 'td' || el.localName === 'th')) {
    const raw = cell.textContent ?? '';
    if (raw.length > limit || cell.querySelector(CONTROL)) continue;
    const s = score(norm(raw), want);
    if (s <= bestScore) continue;
    const target = controlAfter(cell);
    if (!target) continue;
    [best, bestScore] = [target, s];
    if (s === 2) break;
  }
  return { el: best, score: bestScore };
}

/** `cache`: share one between the lookups of one synchronous read of the page (text-search.ts). */
export function findByLabel(doc: Document, text: string, cache = newLookupCache()): Element | null {
  const want = bare(norm(text));
  if (!want) return null;
  const light = bestIn(doc, want, cache);
  if (light.score === 2) return light.el;
  // Newer widgets keep their label and field inside a shadow root. Finding the hosts visits
  // every element that could be one, so only when the page itself has no exact match.
  let best = light;
  for (const root of openShadowRoots(doc, cache)) {
    const found = bestIn(root, want, cache);
    if (found.score > best.score) best = found;
    if (best.score === 2) break;
  }
  return best.el;
}

/** The element a locator points at in this document, or null. Throws on a malformed selector. */
export function resolveLocator(doc: Document, loc: Locator, cache?: LookupCache): Element | null {
  if (loc.selector) {
    try {
      // Web-component CRMs keep fields inside open shadow roots (./shadow.ts).
      return deepQuerySelector(doc, loc.selector, cache);
    } catch {
      throw new BadSelectorError(`"${loc.selector}" is not a valid CSS selector`);
    }
  }
  return loc.labelText ? findByLabel(doc, loc.labelText, cache) : null;
}

const MAX_VALUE = 500;

/** What the agent sees in the element: a field's value, a select's chosen option, else its text. */
export function readValue(el: Element): string {
  let value: string;
  const tag = el.tagName;
  if (tag === 'INPUT') {
    const input = el as HTMLInputElement;
    // Never read a password, whatever a pack says.
    if (input.type === 'password') return '';
    value = input.type === 'checkbox' || input.type === 'radio' ? (input.checked ? input.value : '') : input.value;
  } else if (tag === 'TEXTAREA') value = (el as HTMLTextAreaElement).value;
  else if (tag === 'SELECT') value = Array.from((el as HTMLSelectElement).selectedOptions, (o) => o.text).join(', ');
  else value = el.textContent ?? '';
  return value.replace(/\s+/g, ' ').trim().slice(0, MAX_VALUE);
}
