/**
 * Every element a locator could mean in one document (its open shadow roots included), by the
 * content script's own rules (lib/page/match.ts for fields, lib/page/guard-find.ts for controls).
 * The content script takes the first; a test wants exactly one, so "first of two" is caught
 * before an agent gets the wrong field.
 */
import type { Locator } from '../pack/context-schema';
import { CLICKABLE, isControl } from '../page/guard-find';
import { CONTROL, bare, controlAfter, labelTarget, norm, score } from '../page/match';
import { openShadowRoots, type Scope } from '../page/shadow';
import { newLookupCache } from '../page/text-search';

/** `field`: a value read or shown (label beside it). `control`: a button found by its own text. */
export type LocatorKind = 'field' | 'control';

export class LocatorError extends Error {
  override name = 'LocatorError';
}

export function scopesOf(doc: Document): Scope[] {
  return [doc, ...openShadowRoots(doc, newLookupCache())];
}

function bySelector(scopes: Scope[], selector: string): Element[] {
  try {
    return scopes.flatMap((s) => Array.from(s.querySelectorAll(selector)));
  } catch {
    throw new LocatorError(`"${selector}" is not a valid CSS selector`);
  }
}

/** Fields whose label scores best, as findByLabel ranks them (whole label > starts > inside). */
function byLabel(scopes: Scope[], text: string): Element[] {
  const want = bare(norm(text));
  if (!want) return [];
  let best = -1;
  const found = new Set<Element>();
  const offer = (target: Element | null, s: number) => {
    if (!target || s < 0 || s < best) return;
    if (s > best) {
      best = s;
      found.clear();
    }
    found.add(target);
  };
  for (const scope of scopes) {
    for (const label of Array.from(scope.querySelectorAll('label'))) offer(labelTarget(scope, label as HTMLLabelElement), score(norm(label.textContent), want));
    const limit = want.length * 4 + 40;
    for (const cell of Array.from(scope.querySelectorAll('td, th'))) {
      const raw = cell.textContent ?? '';
      if (raw.length > limit || cell.querySelector(CONTROL)) continue;
      const s = score(norm(raw), want);
      if (s >= 0) offer(controlAfter(cell), s);
    }
  }
  return [...found];
}

/** Every element `loc` matches in `doc`. Throws LocatorError for a malformed selector. */
export function matchAll(doc: Document, loc: Locator, kind: LocatorKind): Element[] {
  const scopes = scopesOf(doc);
  if (loc.selector) return bySelector(scopes, loc.selector);
  if (!loc.labelText) return [];
  if (kind === 'field') return byLabel(scopes, loc.labelText);
  return scopes.flatMap((s) => Array.from(s.querySelectorAll(CLICKABLE)).filter((el) => isControl(el, loc)));
}

/** `input#phone`, `select[name=plan]`: enough to find a match in the snapshot, no text of it. */
export function describe(el: Element): string {
  const id = el.getAttribute('id');
  const name = el.getAttribute('name');
  return `${el.localName}${id ? `#${id}` : ''}${name ? `[name=${name}]` : ''}`;
}
