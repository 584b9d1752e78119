/**
 * The seam between Studio's parts (issue 12). Studio is one client page served by two
 * backends — `cuecard studio <folder>` (local, saves to the folder's Markdown files) and
 * the hub's `/studio` mount — which answer the same relative `api/…` paths. Panes are plain
 * Preact components that take `StudioPaneProps`; the shell owns state and drafts.
 * Schemas are the types: the backends parse requests with these, the client parses replies.
 */
import * as v from 'valibot';
import type { CompileResult } from '../pack/authoring/compile';
import type { Pack } from '../pack/schema';

/** A pack folder's text files by relative path: `pack.yaml`, `*.md`, `snapshots/<name>.json`. */
export const FilePath = v.pipe(
  v.string(),
  v.maxLength(200),
  v.regex(/^(?:snapshots\/)?[A-Za-z0-9][A-Za-z0-9._-]*\.(?:md|ya?ml|json)$/, 'a file name like 10-inbound.md or snapshots/account.json'),
);
export const PackFiles = v.record(FilePath, v.pipe(v.string(), v.maxLength(2_000_000)));
export type PackFiles = v.InferOutput<typeof PackFiles>;

/** `GET api/session`. */
export const Session = v.object({
  mode: v.picklist(['local', 'hub']),
  /** Local mode: the folder's name (not its full path). */
  folder: v.optional(v.string()),
  /** Hub mode: the CSRF token to send as `x-csrf-token` on every write. */
  csrf: v.optional(v.string()),
  /** Hub mode: the stages a release can be published to. */
  stages: v.optional(v.array(v.string())),
});
export type Session = v.InferOutput<typeof Session>;

/** `GET api/pack` → the files; `PUT api/file` ← one file. */
export const PackReply = v.object({ files: PackFiles });
export const PutFile = v.object({ path: FilePath, text: v.pipe(v.string(), v.maxLength(2_000_000)) });

/** `GET api/published` → the release agents have now, for the diff (null if none). */
export const PublishedReply = v.object({ release: v.nullable(v.unknown()) });

/** One failing anchor test, as `cuecard pack test` and the Anchors pane report it. */
export const AnchorFailure = v.object({ anchor: v.string(), snapshot: v.string(), matched: v.number(), message: v.string() });
export type AnchorFailure = v.InferOutput<typeof AnchorFailure>;

/** `POST api/publish` (hub mode): a release signed in the browser, and why failing anchor tests were overridden. */
export const PublishRequest = v.object({
  release: v.unknown(),
  stage: v.string(),
  anchorFailures: v.array(AnchorFailure),
  overrideReason: v.optional(v.pipe(v.string(), v.trim(), v.minLength(3), v.maxLength(500))),
});
export type PublishRequest = v.InferOutput<typeof PublishRequest>;

/** What every pane gets from the shell, re-rendered on every change. */
export interface StudioPaneProps {
  session: Session;
  /** The current text of every file, unsaved drafts included. */
  files: Readonly<PackFiles>;
  /** The compile of `files` (same compiler and messages as `pack validate`). */
  compiled: CompileResult;
  /** Change a file (kept as a draft across reloads until saved). */
  setFile(path: string, text: string): void;
  lang: 'zh' | 'en';
  /** The last pack that compiled (this session), so previews keep working while a file is broken. */
  lastPack?: Pack;
  /** `api/published`'s release (null if none), for panes that compare against it. */
  published?: unknown;
}
