/**
 * Where guarded controls and checked fields are (issue 13.1, 13.2). A click is matched against
 * its own composed path (cheap, and right for controls re-rendered or added late, in open shadow
 * roots too); lock markers need the elements themselves, found in the document and in the open
 * shadow roots we know of. Runs in every frame's content script: dependency-free.
 */
import type { Locator } from '../pack/context-schema';
import { resolveLocator } from './match';
import { possibleHosts } from './text-search';

const norm = (s: string | null | undefined) =>
  (s ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/^[\s*＊]+|[\s:：*＊]+$/g, '');

/** Controls an agent clicks: a guard's `labelText` is the control's own text. */
export const CLICKABLE = 'button,a[href],[role=button],input[type=button],input[type=submit],input[type=image]';

function ownText(el: Element): string {
  const input = el as HTMLInputElement;
  return el.tagName === 'INPUT' ? input.value || input.getAttribute('aria-label') || '' : el.getAttribute('aria-label') || el.textContent || '';
}

/** Does `el` (one node of a click's path) match a control locator? */
export function isControl(el: Element, loc: Locator): boolean {
  try {
    if (loc.selector) return el.matches(loc.selector);
  } catch {
    return false; // a selector this browser cannot parse guards nothing
  }
  return !!loc.labelText && el.matches(CLICKABLE) && norm(ownText(el)) === norm(loc.labelText);
}

/** The control of `loc` on a click's composed path, innermost first. */
export function controlOnPath(path: readonly EventTarget[], loc: Locator): Element | null {
  for (const n of path) {
    if ((n as Node).nodeType !== 1) continue;
    if (isControl(n as Element, loc)) return n as Element;
  }
  return null;
}

export type Scope = Document | ShadowRoot;

/**
 * Open shadow roots in or under `node` (the element itself included), nested ones too. Only
 * elements that can host one are visited from script (text-search.ts): a 10,000-row table's
 * cells are skipped natively, so this costs what the page's widgets are, not its rows.
 */
export function shadowRootsUnder(node: Node, out: Set<ShadowRoot>): void {
  if (node.nodeType !== 1 && node.nodeType !== 11 && node.nodeType !== 9) return;
  const root = (node as Element).shadowRoot;
  if (root && !out.has(root)) {
    out.add(root);
    shadowRootsUnder(root, out);
  }
  for (const host of possibleHosts(node as ParentNode)) if (host.shadowRoot && !out.has(host.shadowRoot)) shadowRootsUnder(host, out);
}

/**
 * Where lock rings for a `labelText` guard are looked for: buttons, not links. A 10,000-row
 * page has 10,000 links, and reading each one's text on every redraw cost hundreds of ms
 * (test/bench/guards.ts; XPath `contains()` was no faster). A link guarded by its text is still
 * held on click (the click's path is matched against every clickable); give it a `selector` for
 * a ring.
 */
export const RINGED = 'button,[role=button],input[type=button],input[type=submit],input[type=image]';

const parses = (selector: string): boolean => {
  try {
    document.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false; // a selector this browser cannot parse rings nothing (and must not spoil the others')
  }
};

const INPUT_BUTTONS = /^(button|submit|image)$/;

/**
 * The elements RINGED matches, in a scope. In a document by tag (its tag lists are kept by the
 * browser) and `[role=button]` alone: on the 10,000-row page (100,000 elements) the RINGED list
 * as one querySelectorAll took ~28 ms, these ~2 ms (measured in Chromium, median of 15); a
 * selector list walks every element against every selector. Shadow roots are small: one query.
 */
function ringed(scope: Scope): Element[] {
  if (!('getElementsByTagName' in scope)) return Array.from(scope.querySelectorAll(RINGED));
  const inputs = Array.from(scope.getElementsByTagName('input')).filter((i) => INPUT_BUTTONS.test(i.type));
  return [...Array.from(scope.getElementsByTagName('button')), ...inputs, ...Array.from(scope.querySelectorAll('[role=button]'))];
}

/**
 * Every element of these locators in these scopes (a guard may mark several rows' buttons),
 * each once. A selector is queried alone (a simple one takes the browser's fast path); the
 * candidates for `labelText` guards are found once for all of them.
 */
export function findControls(scopes: Iterable<Scope>, locs: readonly Locator[], max = 200): Element[] {
  const bySelector = locs.filter((l) => l.selector && parses(l.selector));
  const byText = locs.filter((l) => !l.selector && l.labelText);
  const limit = max * (bySelector.length + byText.length);
  const found = new Set<Element>();
  for (const scope of scopes) {
    for (const l of bySelector) for (const el of Array.from(scope.querySelectorAll(l.selector!))) if (found.size < limit) found.add(el);
    if (byText.length) for (const el of ringed(scope)) if (found.size < limit && byText.some((l) => isControl(el, l))) found.add(el);
  }
  return [...found];
}

/** A rule's field, looked for first beside the submit control (its form's root), then in the document. */
export function findField(scope: Scope, doc: Document, loc: Locator): Element | null {
  try {
    if (loc.selector) return scope.querySelector(loc.selector) ?? doc.querySelector(loc.selector);
    return resolveLocator(doc, loc);
  } catch {
    return null;
  }
}

/**
 * The value to check. Never a password (not read, so not checked), and never stored: the
 * caller only learns which rules fail.
 */
export function fieldValue(el: Element): string | null {
  const tag = el.tagName;
  if (tag === 'INPUT') {
    const input = el as HTMLInputElement;
    if (input.type === 'password') return null;
    if (input.type === 'checkbox' || input.type === 'radio') return input.checked ? input.value : '';
    return input.value;
  }
  if (tag === 'TEXTAREA') return (el as HTMLTextAreaElement).value;
  if (tag === 'SELECT') {
    const sel = el as HTMLSelectElement;
    // An empty-valued placeholder option ("— choose —") counts as nothing chosen.
    return Array.from(sel.selectedOptions, (o) => (o.value === '' ? '' : o.text)).join(', ');
  }
  return el.textContent ?? '';
}

/** Could this added node hold a control of `loc`? (Only then is a redraw worth its query.) */
export function mayHold(node: Node, loc: Locator): boolean {
  if (node.nodeType !== 1) return false;
  const el = node as Element;
  try {
    const q = loc.selector ?? RINGED;
    return el.matches(q) || el.querySelector(q) !== null;
  } catch {
    return false;
  }
}
