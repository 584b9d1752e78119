/**
 * Anchor tests before publishing (issue 12). Pure: the pack's files in, failures out;
 * `cuecard pack test`, Studio's Anchors pane and publishing share it.
 *
 * The rule. A real CRM spreads a site's fields, guards and checks over many pages, so "every
 * anchor on every page of its site" fails everywhere. Instead, over the snapshots
 * (`snapshots/*.json`) of the pages its site covers:
 * - an anchor must match exactly one element in at least one of them: matching nothing anywhere
 *   is an error, not a warning, because that is what an anchor broken before anyone saved its
 *   page looks like (its page not snapshotted yet looks the same; the message says so);
 * - it must never match more than one element in any of them (the content script would take
 *   the first, maybe the wrong one);
 * - each snapshot lists the anchors it is the test page for (`anchors`, filled at capture with
 *   those found on the page, editable in the file): a listed anchor must match exactly one
 *   element there, so an anchor that breaks on one page is caught though it works on another;
 * - an anchor whose site has no snapshot at all is "untested": a warning, not a failure.
 */
import { matchesAny } from '../context/site-match';
import { compile } from '../pack/authoring/compile';
import type { AnchorFailure, PackFiles } from '../studio/contract';
import { LocatorError, describe, matchAll } from './count-matches';
import { packAnchors, type PackAnchor } from './pack-anchors';
import { browserDocument, snapshotDocuments, type DocumentFactory, type SnapDocument } from './snapshot-dom';
import { readSnapshot, type Snapshot } from './snapshot-schema';

const SNAPSHOT_FILE = /^snapshots\/(.+)\.json$/;

export interface AnchorTestReport {
  failures: AnchorFailure[];
  /** Anchors no snapshot tests (warnings). */
  untested: string[];
  /** Names a snapshot lists that the pack has no anchor for (warnings: rename or remove them). */
  unknown: { snapshot: string; anchor: string }[];
  snapshots: number;
}

/** A locator's `frame` hint, as lib/page/match.ts `frameMatches` reads it, on a snapshot's frame. */
function frameFits(hint: string | undefined, frame: SnapDocument): boolean {
  if (!hint) return true;
  const path = frame.page.replace(/^[a-z]+:\/\/[^/]*/i, '');
  return frame.name === hint || path.includes(hint);
}

type Found = Element[] | LocatorError;
function find(anchor: PackAnchor, frames: SnapDocument[]): Found {
  try {
    return frames.filter((f) => frameFits(anchor.loc.frame, f)).flatMap((f) => matchAll(f.doc, anchor.loc, anchor.kind));
  } catch (e) {
    if (e instanceof LocatorError) return e;
    throw e;
  }
}

function failure(anchor: PackAnchor, snapshot: string, found: Found): AnchorFailure {
  if (found instanceof LocatorError) return { anchor: anchor.name, snapshot, matched: 0, message: `${anchor.name}: ${found.message}` };
  const what = anchor.loc.selector ? `selector "${anchor.loc.selector}"` : `label "${anchor.loc.labelText}"`;
  const where = anchor.loc.frame ? ` in frame "${anchor.loc.frame}"` : '';
  const listed = found.slice(0, 3).map(describe).join(', ') + (found.length > 3 ? ', …' : '');
  const message = found.length
    ? `${anchor.name} (${what}${where}) matches ${found.length} elements in snapshot "${snapshot}": ${listed}; it must match exactly one`
    : `${anchor.name} (${what}${where}) matches nothing in snapshot "${snapshot}", which lists it as tested there`;
  return { anchor: anchor.name, snapshot, matched: found.length, message };
}

/** The anchors of the pack that apply to a snapshot's pages (by their site's URL patterns). */
function applicable(anchors: PackAnchor[], sites: string[], frames: SnapDocument[]): PackAnchor[] {
  const pages = frames.map((f) => f.page);
  return anchors.filter((a) => matchesAny(a.match ?? sites, pages) || (!a.match && !sites.length));
}

/** Names of the anchors that match at least one element in `snapshot`: its list when captured. */
export function anchorsFoundIn(anchors: PackAnchor[], sites: string[], snapshot: Snapshot, makeDocument: DocumentFactory = browserDocument): string[] {
  const frames = snapshotDocuments(snapshot, makeDocument);
  return applicable(anchors, sites, frames)
    .filter((a) => {
      const found = find(a, frames);
      return !(found instanceof LocatorError) && found.length > 0;
    })
    .map((a) => a.name);
}

interface Seen {
  snapshot: string;
  found: Found;
  listed: boolean;
}

/** One anchor's verdict over the snapshots of its site (see the rule at the top). */
function judge(anchor: PackAnchor, seen: Seen[]): AnchorFailure[] {
  const bad = seen.find((s) => s.found instanceof LocatorError);
  if (bad) return [failure(anchor, bad.snapshot, bad.found)];
  const out = seen.filter((s) => (s.found as Element[]).length > 1 || (s.listed && (s.found as Element[]).length === 0));
  const once = seen.some((s) => (s.found as Element[]).length === 1);
  if (!out.length && !once) {
    const names = seen.map((s) => `"${s.snapshot}"`);
    const f = failure(anchor, seen[0]!.snapshot, []);
    // One snapshot: the plain message (`cuecard pack test` and pick.e2e.ts read it as such).
    const where =
      names.length === 1 ? `snapshot ${names[0]}` : `any snapshot of its site (${names.join(', ')}); if it is on another page, save a snapshot of that page`;
    f.message = `${f.message.replace(/ matches nothing in .*$/, '')} matches nothing in ${where}`;
    return [f];
  }
  return out.map((s) => failure(anchor, s.snapshot, s.found));
}

export function testPackAnchors(files: PackFiles, makeDocument: DocumentFactory = browserDocument): AnchorTestReport {
  const paths = Object.keys(files)
    .filter((p) => SNAPSHOT_FILE.test(p))
    .sort();
  const report: AnchorTestReport = { failures: [], untested: [], unknown: [], snapshots: paths.length };
  if (!paths.length) return report;
  const compiled = compile(new Map(Object.entries(files)));
  if (!compiled.ok) {
    report.failures.push({ anchor: '', snapshot: '', matched: 0, message: `the pack has ${compiled.errors.length} error(s); fix them before testing anchors` });
    return report;
  }
  const anchors = packAnchors(compiled.pack);
  const names = new Set(anchors.map((a) => a.name));
  const sites = (compiled.pack.sites ?? []).flatMap((s) => s.match);
  const seen = new Map<string, Seen[]>(anchors.map((a) => [a.name, []]));
  for (const path of paths) {
    const name = SNAPSHOT_FILE.exec(path)![1]!;
    const read = readSnapshot(files[path]!);
    if (!read.ok) {
      report.failures.push({ anchor: '', snapshot: name, matched: 0, message: `${path} ${read.message}` });
      continue;
    }
    const frames = snapshotDocuments(read.snapshot, makeDocument);
    const listed = new Set(read.snapshot.anchors ?? []);
    for (const n of listed) if (!names.has(n)) report.unknown.push({ snapshot: name, anchor: n });
    const mine = new Set(applicable(anchors, sites, frames));
    for (const a of anchors) if (listed.has(a.name)) mine.add(a);
    if (!mine.size) {
      report.failures.push({
        anchor: '',
        snapshot: name,
        matched: 0,
        message: `${path}: no anchor of the pack applies to its page ${frames[0]!.page} (no site matches it)`,
      });
    }
    for (const a of mine) seen.get(a.name)!.push({ snapshot: name, found: find(a, frames), listed: listed.has(a.name) });
  }
  for (const a of anchors) {
    const mine = seen.get(a.name)!;
    if (!mine.length) report.untested.push(a.name);
    else report.failures.push(...judge(a, mine));
  }
  return report;
}

/** The failures of `testPackAnchors` alone: what blocks publishing. */
export const checkPackAnchors = (files: PackFiles, makeDocument: DocumentFactory = browserDocument): AnchorFailure[] =>
  testPackAnchors(files, makeDocument).failures;
