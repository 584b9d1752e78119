/**
 * The most robust anchor for a picked element (issue 12): the label an agent reads, else a
 * name or a stable id or test attribute — never a generated class name or a position, which
 * break on the CRM's next release. Each candidate is counted with the content script's own
 * matching (count-matches.ts); the first that finds only the picked element wins.
 */
import type { Locator } from '../pack/context-schema';
import { CLICKABLE } from '../page/guard-find';
import { CONTROL, bare, controlAfter, labelTarget, norm } from '../page/match';
import { matchAll, type LocatorKind } from './count-matches';

export interface Proposal {
  loc: Locator;
  /** How many elements it matches on this page (1 is what a test wants). */
  matches: number;
}

const STABLE_ATTRS = ['data-testid', 'data-test', 'data-qa', 'data-field', 'aria-label', 'placeholder', 'title'];
// Ids frameworks generate per render or per record: useless next week.
const GENERATED = /^(ember|react|ext-|mui-|:r|radix-|headlessui-|yui_|gwt-|j_id|uid-|__|ng-|vue-)|\d{4,}|[0-9a-f]{8,}/i;
/** An anchor is pack text: nothing that could be a customer's data goes in it. */
const personal = (s: string) => /@|\d{3}/.test(s) || s.length > 100;

const quote = (s: string) => `"${s.replace(/["\\]/g, '\\$&')}"`;
const idSelector = (id: string) => (/^[A-Za-z][\w-]*$/.test(id) ? `#${id}` : `[id=${quote(id)}]`);

/** The text that labels a field: `<label for>`, a wrapping label, or the cell before it. */
function labelOf(el: Element): string | undefined {
  const root = el.getRootNode() as Document | ShadowRoot;
  const id = el.getAttribute('id');
  const labels = Array.from(root.querySelectorAll('label')).filter((l) => (id && l.getAttribute('for') === id) || (!l.getAttribute('for') && l.contains(el)));
  const texts = labels.filter((l) => labelTarget(root, l as HTMLLabelElement) === el).map((l) => l.textContent);
  const before = el.closest('td, th')?.previousElementSibling;
  if (before && controlAfter(before) === el) texts.push(before.textContent);
  for (const text of texts) {
    const t = bare((text ?? '').replace(/\s+/g, ' ').trim());
    if (t && norm(t) && !personal(t)) return t;
  }
  return undefined;
}

function ownText(el: Element): string {
  const text = el.localName === 'input' ? el.getAttribute('value') || el.getAttribute('aria-label') : el.getAttribute('aria-label') || el.textContent;
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

function candidates(el: Element, kind: LocatorKind): Locator[] {
  const out: Locator[] = [];
  const text = kind === 'control' ? ownText(el) : labelOf(el);
  if (text && !personal(text)) out.push({ labelText: text });
  const tag = el.localName;
  const name = el.getAttribute('name');
  if (name && !personal(name)) out.push({ selector: `${tag}[name=${quote(name)}]` });
  const id = el.getAttribute('id');
  if (id && !GENERATED.test(id) && !personal(id)) out.push({ selector: idSelector(id) });
  for (const attr of STABLE_ATTRS) {
    const value = el.getAttribute(attr);
    if (value && !personal(value) && !/\d/.test(value)) out.push({ selector: `${tag}[${attr}=${quote(value)}]` });
  }
  return out;
}

/** The element a click on `target` means: the field of a clicked label, the button around a clicked icon. */
export function pickTarget(target: Element, kind: LocatorKind): Element {
  if (kind === 'control') return target.closest(CLICKABLE) ?? target;
  if (target.matches(CONTROL)) return target;
  const label = target.closest('label');
  const field = label && labelTarget(label.getRootNode() as Document, label as HTMLLabelElement);
  return field ?? target;
}

/** The best anchor for `el` in `doc`, or null when nothing stable points at it. */
export function proposeAnchor(doc: Document, el: Element, kind: LocatorKind): Proposal | null {
  let best: Proposal | null = null;
  for (const loc of candidates(el, kind)) {
    let found: Element[];
    try {
      found = matchAll(doc, loc, kind);
    } catch {
      continue;
    }
    if (!found.includes(el)) continue;
    if (found.length === 1) return { loc, matches: 1 };
    if (!best || found.length < best.matches) best = { loc, matches: found.length };
  }
  return best;
}
