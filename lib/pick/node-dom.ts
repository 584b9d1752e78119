/** The document factory for Node (`cuecard pack test`): linkedom, a DOM without a browser. */
import { parseHTML } from 'linkedom';
import type { DocumentFactory } from './snapshot-dom';

export const nodeDocument: DocumentFactory = () => parseHTML('<!doctype html><html><head></head><body></body></html>').document as unknown as Document;
