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
const CLICKABLE = 'button,a[href],[role=button],input[type=button],input[type=submit],input[type=image]';

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

/** Every element of `loc` in these scopes (a guard may mark several rows' buttons). */
export function findControls(scopes: Iterable<Scope>, loc: Locator, max = 200): Element[] {
  const found: Element[] = [];
  for (const scope of scopes) {
    let list: Element[];
    try {
      list = Array.from(scope.querySelectorAll(loc.selector ?? CLICKABLE));
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
