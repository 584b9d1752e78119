/** The document factory for Node (`cuecard pack test`): linkedom, a DOM without a browser. */
import { parseHTML } from 'linkedom';
import type { DocumentFactory } from './snapshot-dom';

const EMPTY = '<!doctype html><html><head></head><body></body></html>';

// linkedom has no HTMLLabelElement: its labels lack `htmlFor`, which lib/page/match.ts reads to
// find a `<label for>`'s field. Give them the browser's reflection of the attribute.
const proto = parseHTML(EMPTY).document.createElement('label').constructor.prototype as object;
if (!('htmlFor' in proto)) {
  Object.defineProperty(proto, 'htmlFor', {
    get(this: Element) {
      return this.localName === 'label' ? (this.getAttribute('for') ?? '') : undefined;
    },
  });
}

export const nodeDocument: DocumentFactory = () => parseHTML(EMPTY).document as unknown as Document;
