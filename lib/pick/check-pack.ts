/**
 * Anchor tests before publishing (issue 12): every anchor of the pack must match exactly one
 * element in each snapshot (`snapshots/*.json`) of a page its site covers. Pure: the pack's
 * files in, failures out; `cuecard pack test`, Studio's Anchors pane and publishing share it.
 */
import { matchesAny } from '../context/site-match';
import { compile } from '../pack/authoring/compile';
import type { AnchorFailure, PackFiles } from '../studio/contract';
import { LocatorError, describe, matchAll } from './count-matches';
import { packAnchors, type PackAnchor } from './pack-anchors';
import { browserDocument, snapshotDocuments, type DocumentFactory, type SnapDocument } from './snapshot-dom';
import { readSnapshot } from './snapshot-schema';

const SNAPSHOT_FILE = /^snapshots\/(.+)\.json$/;

/** A locator's `frame` hint, as lib/page/match.ts `frameMatches` reads it, on a snapshot's frame. */
function frameFits(hint: string | undefined, frame: SnapDocument): boolean {
  if (!hint) return true;
  const path = frame.page.replace(/^[a-z]+:\/\/[^/]*/i, '');
  return frame.name === hint || path.includes(hint);
}

function checkOne(anchor: PackAnchor, snapshot: string, frames: SnapDocument[]): AnchorFailure | undefined {
  let found: Element[];
  try {
    found = frames.filter((f) => frameFits(anchor.loc.frame, f)).flatMap((f) => matchAll(f.doc, anchor.loc, anchor.kind));
  } catch (e) {
    if (!(e instanceof LocatorError)) throw e;
    return { anchor: anchor.name, snapshot, matched: 0, message: `${anchor.name}: ${e.message}` };
  }
  if (found.length === 1) return undefined;
  const what = anchor.loc.selector ? `selector "${anchor.loc.selector}"` : `label "${anchor.loc.labelText}"`;
  const where = anchor.loc.frame ? ` in frame "${anchor.loc.frame}"` : '';
  const listed = found.slice(0, 3).map(describe).join(', ') + (found.length > 3 ? ', …' : '');
  const message = found.length
    ? `${anchor.name} (${what}${where}) matches ${found.length} elements in snapshot "${snapshot}": ${listed}; it must match exactly one`
    : `${anchor.name} (${what}${where}) matches nothing in snapshot "${snapshot}"`;
  return { anchor: anchor.name, snapshot, matched: found.length, message };
}

export function checkPackAnchors(files: PackFiles, makeDocument: DocumentFactory = browserDocument): AnchorFailure[] {
  const snapshots = Object.keys(files)
    .filter((p) => SNAPSHOT_FILE.test(p))
    .sort();
  if (!snapshots.length) return [];
  const compiled = compile(new Map(Object.entries(files)));
  if (!compiled.ok) {
    return [{ anchor: '', snapshot: '', matched: 0, message: `the pack has ${compiled.errors.length} error(s); fix them before testing anchors` }];
  }
  const anchors = packAnchors(compiled.pack);
  const sites = (compiled.pack.sites ?? []).flatMap((s) => s.match);
  const failures: AnchorFailure[] = [];
  for (const path of snapshots) {
    const name = SNAPSHOT_FILE.exec(path)![1]!;
    const read = readSnapshot(files[path]!);
    if (!read.ok) {
      failures.push({ anchor: '', snapshot: name, matched: 0, message: `${path} ${read.message}` });
      continue;
    }
    const frames = snapshotDocuments(read.snapshot, makeDocument);
    const pages = frames.map((f) => f.page);
    const applies = (a: PackAnchor) => matchesAny(a.match ?? sites, pages) || (!a.match && !sites.length);
    const mine = anchors.filter(applies);
    if (!mine.length) {
      failures.push({ anchor: '', snapshot: name, matched: 0, message: `${path}: no anchor of the pack applies to its page ${pages[0]} (no site matches it)` });
    }
    for (const anchor of mine) {
      const failure = checkOne(anchor, name, frames);
      if (failure) failures.push(failure);
    }
  }
  return failures;
}
