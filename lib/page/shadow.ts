/**
 * Reaching into open shadow roots: CRMs built from web components (Salesforce Lightning,
 * ServiceNow) keep their fields several shadow roots deep, where `document.querySelector`
 * does not look. Closed shadow roots stay out of reach on purpose. Runs in every frame's
 * content script: no dependencies.
 */
import { newLookupCache, openShadowRoots, type LookupCache } from './text-search';

export { openShadowRoots, type Scope } from './text-search';

/**
 * The first element matching `selector` in the document, else in its open shadow roots (a
 * selector cannot cross a shadow boundary, so it is tried in each root). The walk for shadow
 * hosts happens only when the document itself has no match, and one read of the page shares
 * it (`cache`). Throws on a malformed selector.
 */
export function deepQuerySelector(doc: Document, selector: string, cache: LookupCache = newLookupCache()): Element | null {
  const light = doc.querySelector(selector);
  if (light) return light;
  for (const root of openShadowRoots(doc, cache)) {
    const found = root.querySelector(selector);
    if (found) return found;
  }
  return null;
}
