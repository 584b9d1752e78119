/**
 * Where guarded controls and checked fields are (issue 13.1, 13.2). A click is matched against
 * its own composed path (cheap, and right for controls re-rendered or added late, in open shadow
 * roots too); lock markers need the elements themselves, found in the document and in the open
 * shadow roots we know of. Runs in every frame's content script: dependency-free.
 */
import type { Locator } from '../pack/context-schema';
import { resolveLocator } from './match';

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

/** Open shadow roots in or under `node` (the element itself included). */
export function shadowRootsUnder(node: Node, out: Set<ShadowRoot>): void {
  if (node.nodeType !== 1 && node.nodeType !== 11 && node.nodeType !== 9) return;
  const el = node as Element;
  if (el.shadowRoot) {
    out.add(el.shadowRoot);
    shadowRootsUnder(el.shadowRoot, out);
  }
  const all = (node as ParentNode).querySelectorAll?.('*');
  if (!all) return;
  for (const child of Array.from(all)) {
    if (!child.shadowRoot || out.has(child.shadowRoot)) continue;
    out.add(child.shadowRoot);
    shadowRootsUnder(child.shadowRoot, out);
  }
}

/**
 * Where lock rings for a `labelText` guard are looked for: buttons, not links. A 10,000-row
 * page has 10,000 links, and reading each one's text on every redraw cost hundreds of ms
 * (test/bench/guards.ts; XPath `contains()` was no faster). A link guarded by its text is still
 * held on click (the click's path is matched against every clickable); give it a `selector` for
 * a ring.
 */
export const RINGED = 'button,[role=button],input[type=button],input[type=submit],input[type=image]';

/** Every element of `loc` in these scopes (a guard may mark several rows' buttons). */
export function findControls(scopes: Iterable<Scope>, loc: Locator, max = 200): Element[] {
  const found: Element[] = [];
  for (const scope of scopes) {
    let list: Element[];
    try {
      list = Array.from(scope.querySelectorAll(loc.selector ?? RINGED));
    } catch {
      return found;
    }
    for (const el of list) {
      if (loc.selector || isControl(el, loc)) found.push(el);
      if (found.length >= max) return found;
    }
  }
  return found;
}

/**
 * Open shadow roots anywhere in the document, found a slice at a time (a 10,000-row page has
 * ~100,000 elements): `done` is called once with what was found, never in one long task.
 */
export function collectShadowRoots(doc: Document, out: Set<ShadowRoot>, done: () => void, slice = 2000): () => void {
  // A TreeWalker, not getElementsByTagName('*'): a live collection indexed while the page
  // mutates is re-walked from the start after every change (quadratic in a mutation burst).
  const walker = doc.createTreeWalker(doc.documentElement, 1 /* NodeFilter.SHOW_ELEMENT */);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const step = () => {
    for (let n = 0; n < slice; n++) {
      const el = walker.nextNode() as Element | null;
      if (!el) return done();
      if (el.shadowRoot && !out.has(el.shadowRoot)) shadowRootsUnder(el, out);
    }
    timer = setTimeout(step, 0);
  };
  step();
  return () => clearTimeout(timer);
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
