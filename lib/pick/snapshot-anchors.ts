/**
 * A fresh snapshot's anchor list (check-pack.ts's rule): the anchors that match on the captured
 * page, merged with the list of the snapshot it replaces (same name), so re-capturing a page
 * never forgets an anchor the lead listed there.
 */
import type { Pack } from '../pack/schema';
import { anchorsFoundIn } from './check-pack';
import { packAnchors } from './pack-anchors';
import { browserDocument, type DocumentFactory } from './snapshot-dom';
import { readSnapshot } from './snapshot-schema';

/** `text` (a snapshot from the extension) with its `anchors` filled in; undefined if unreadable. */
export function listAnchors(text: string, previous: string | undefined, pack: Pack, makeDocument: DocumentFactory = browserDocument): string | undefined {
  const read = readSnapshot(text);
  if (!read.ok) return undefined;
  const sites = (pack.sites ?? []).flatMap((s) => s.match);
  const found = anchorsFoundIn(packAnchors(pack), sites, read.snapshot, makeDocument);
  const before = previous === undefined ? undefined : readSnapshot(previous);
  const kept = before?.ok ? (before.snapshot.anchors ?? []) : [];
  const anchors = [...new Set([...kept, ...found])].sort();
  return `${JSON.stringify({ ...read.snapshot, anchors }, null, 1)}\n`;
}
