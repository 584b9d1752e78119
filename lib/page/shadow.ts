/**
 * Reaching into open shadow roots: CRMs built from web components (Salesforce Lightning,
 * ServiceNow) keep their fields several shadow roots deep, where `document.querySelector`
 * does not look. Closed shadow roots stay out of reach on purpose. Runs in every frame's
 * content script: no dependencies.
 */

/** A document, or an open shadow root inside one: both can look up ids and run selectors. */
export type Scope = Document | ShadowRoot;

/** Open shadow roots under `scope`, nested ones included (closed ones stay out of reach). */
export function* openShadowRoots(scope: Scope): Generator<ShadowRoot> {
  for (const el of Array.from(scope.querySelectorAll('*'))) {
    if (!el.shadowRoot) continue;
    yield el.shadowRoot;
    yield* openShadowRoots(el.shadowRoot);
  }
}

/**
 * The first element matching `selector` in the document, else in its open shadow roots (a
 * selector cannot cross a shadow boundary, so it is tried in each root). The walk over every
 * element happens only when the document itself has no match. Throws on a malformed selector.
 */
export function deepQuerySelector(doc: Document, selector: string): Element | null {
  const light = doc.querySelector(selector);
  if (light) return light;
  for (const root of openShadowRoots(doc)) {
    const found = root.querySelector(selector);
    if (found) return found;
  }
  return null;
}
