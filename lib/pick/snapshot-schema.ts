/**
 * A masked snapshot of a CRM page (issue 12): the page's structure — tags, attributes, label
 * text, frames, open shadow roots — with every value masked (see mask-rules.ts), saved in a pack
 * as `snapshots/<name>.json` so `cuecard pack test` and Studio can check anchors against it.
 * Versioned: a reader refuses a version it does not know instead of guessing. Version 2 adds
 * `anchors`, the anchors this snapshot is the test page for (see check-pack.ts); a version 1
 * file reads as version 2 without that list, which means "every anchor that matches here".
 */
import * as v from 'valibot';

export const SNAPSHOT_KIND = 'cuecard-snapshot';
export const SNAPSHOT_VERSION = 2;
/** What a masked text or attribute value becomes. Fixed, so not even the length leaks. */
export const MASK = '***';

/** An element: tag, kept attributes, children (text or elements) and an open shadow root's children. */
export interface SnapElement {
  t: string;
  a?: Record<string, string>;
  c?: SnapNode[];
  /** Children of the element's open shadow root. */
  s?: SnapNode[];
  /** An iframe/frame: the index of its document in `frames`. */
  f?: number;
}
export type SnapNode = string | SnapElement;

const Tag = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]*$/, 'must be a lower-case tag name'), v.maxLength(60));
const Attrs = v.record(
  v.pipe(v.string(), v.regex(/^[a-z_:][-a-z0-9_:.]*$/i, 'must be an attribute name'), v.maxLength(100)),
  v.pipe(v.string(), v.maxLength(2000)),
);

export const SnapNodeSchema: v.GenericSchema<SnapNode> = v.union([
  v.pipe(v.string(), v.maxLength(2000)),
  v.strictObject({
    t: Tag,
    a: v.optional(Attrs),
    c: v.optional(v.array(v.lazy(() => SnapNodeSchema))),
    s: v.optional(v.array(v.lazy(() => SnapNodeSchema))),
    f: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  }),
]);

export const SnapFrameSchema = v.strictObject({
  /** The frame's window name ('' for none): a locator's `frame` hint may name it. */
  name: v.pipe(v.string(), v.maxLength(200)),
  /** Origin + path with personal segments masked (lib/context/broken-anchors.ts `pageOf`). */
  page: v.pipe(v.string(), v.maxLength(2000)),
  /** The frame's `<body>`. */
  body: v.lazy(() => SnapNodeSchema),
});

export const SnapshotSchema = v.strictObject({
  kind: v.literal(SNAPSHOT_KIND),
  version: v.union([v.literal(1), v.literal(SNAPSHOT_VERSION)]),
  /** When it was taken (ISO 8601). */
  taken: v.pipe(v.string(), v.isoTimestamp()),
  /** The top frame first; `f` on a frame element points into this list. */
  frames: v.pipe(v.array(SnapFrameSchema), v.minLength(1, 'needs the top frame'), v.maxLength(50, 'has more than 50 frames')),
  /** Names of the anchors tested on this page (`field customer.name`); absent: all that match. */
  anchors: v.optional(v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(200))), v.maxLength(1000))),
});
export type Snapshot = v.InferOutput<typeof SnapshotSchema>;
export type SnapFrame = v.InferOutput<typeof SnapFrameSchema>;

export type SnapshotRead = { ok: true; snapshot: Snapshot } | { ok: false; message: string };

/** Parse a snapshot file's text. Errors name the file's problem in words, never throw. */
export function readSnapshot(text: string): SnapshotRead {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `is not JSON (${(e as Error).message}); a snapshot is saved by the extension from the CRM page` };
  }
  const o = data as Record<string, unknown> | null;
  if (!o || typeof o !== 'object' || o.kind !== SNAPSHOT_KIND) {
    return { ok: false, message: `is not a Cuecard page snapshot (no "kind": "${SNAPSHOT_KIND}"); save one with "Save snapshot" in Studio` };
  }
  if (typeof o.version === 'number' && o.version > SNAPSHOT_VERSION) {
    return { ok: false, message: `is snapshot version ${o.version}; this Cuecard reads version ${SNAPSHOT_VERSION} (update Cuecard)` };
  }
  const r = v.safeParse(SnapshotSchema, data);
  if (r.success) {
    const bad = badFrameRef(r.output);
    // Migrate: a version 1 file has no anchor list and means the same as a version 2 without one.
    if (r.output.version === 1 && r.output.anchors) return { ok: false, message: 'is not a valid snapshot: "anchors" needs version 2' };
    return bad ? { ok: false, message: bad } : { ok: true, snapshot: { ...r.output, version: SNAPSHOT_VERSION } };
  }
  const issue = r.issues[0];
  const path = v.getDotPath(issue) ?? '(top)';
  return { ok: false, message: `is not a valid snapshot: at ${path}: ${issue.message}` };
}

/** A frame element must point at a later frame, each frame used once: no loops. */
function badFrameRef(snap: Snapshot): string | undefined {
  const used = new Set<number>();
  let bad: string | undefined;
  const walk = (node: SnapNode, frame: number) => {
    if (typeof node === 'string' || bad) return;
    if (node.f !== undefined) {
      if (node.f <= frame || node.f >= snap.frames.length || used.has(node.f)) bad = `is not a valid snapshot: frame element points at frame ${node.f}`;
      used.add(node.f);
    }
    for (const c of [...(node.c ?? []), ...(node.s ?? [])]) walk(c, frame);
  };
  snap.frames.forEach((f, i) => walk(f.body, i));
  return bad;
}
