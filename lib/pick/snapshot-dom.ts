/**
 * A snapshot back as documents, one per frame, so anchors are checked by the same matching
 * code the content script runs (lib/page/match.ts). Works on any DOM: DOMParser's documents in
 * the browser, linkedom's in Node (node-dom.ts).
 */
import type { SnapNode, Snapshot } from './snapshot-schema';

/** A new, empty HTML document (`<html><head></head><body></body></html>`). */
export type DocumentFactory = () => Document;

export interface SnapDocument {
  doc: Document;
  /** The frame's window name, for a locator's `frame` hint. */
  name: string;
  page: string;
}

/** The browser's own: a document that runs no scripts and loads nothing. */
export function browserDocument(): Document {
  const Parser = (globalThis as { DOMParser?: typeof DOMParser }).DOMParser;
  if (!Parser) throw new Error('no DOM here: pass a document factory (lib/pick/node-dom.ts in Node)');
  return new Parser().parseFromString('<!doctype html><html><head></head><body></body></html>', 'text/html');
}

function append(doc: Document, parent: Node, nodes: readonly SnapNode[] | undefined): void {
  for (const node of nodes ?? []) {
    if (typeof node === 'string') {
      parent.appendChild(doc.createTextNode(node));
      continue;
    }
    const el = doc.createElement(node.t);
    for (const [k, val] of Object.entries(node.a ?? {})) {
      try {
        el.setAttribute(k, val);
      } catch {
        // A name the DOM refuses (it passed the schema's looser rule): the element stays, without it.
      }
    }
    if (node.f !== undefined) el.setAttribute('data-cuecard-frame', String(node.f));
    append(doc, el, node.c);
    if (node.s) {
      try {
        append(doc, el.attachShadow({ mode: 'open' }), node.s);
      } catch {
        // Not every element can host a shadow root; keep its shadow content beside its children.
        append(doc, el, node.s);
      }
    }
    parent.appendChild(el);
  }
}

export function snapshotDocuments(snap: Snapshot, make: DocumentFactory): SnapDocument[] {
  return snap.frames.map((frame) => {
    const doc = make();
    const body = doc.body;
    const top = frame.body;
    if (typeof top === 'string') body.appendChild(doc.createTextNode(top));
    else {
      for (const [k, val] of Object.entries(top.a ?? {})) body.setAttribute(k, val);
      append(doc, body, top.c);
    }
    return { doc, name: frame.name, page: frame.page };
  });
}
