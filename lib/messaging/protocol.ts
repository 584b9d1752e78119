/**
 * The one message protocol between the panel, the options page, content scripts and the
 * background. Each message is declared here once: who may send it, its request schema
 * (checked on receipt) and its reply type, side by side. `Responses` is derived from this
 * map, and the background's router takes a complete `Handlers` record built from it, so a
 * message without a handler, or a handler with the wrong reply, does not compile.
 */
import * as v from 'valibot';
import { RunSchema, type Run } from '../engine/run';
import { IdSchema, type Pack } from '../pack/schema';
import { MAX_SIGNED_PACK_CHARS } from '../pack/sign';
import { SettingsPatchSchema, type Settings } from '../settings/schema';
import { PrefsPatchSchema } from '../settings/prefs';
import { FollowUpChangeSchema, FollowUpDraftSchema, type FollowUp } from '../followups/schema';
import type { PackUpdates, SubscriptionsView } from '../distribution/views';
import type { BrokenAnchor } from '../context/broken-anchors';
import type { FrameRead } from '../context/merge';
import type { PageSite } from '../context/pack-context';
import type { Locator } from '../pack/context-schema';
import type { PickReply, SnapshotReply } from '../pick/bridge-types';
import type { SenderKind } from './sender';
import type { CoachingStat } from '../coaching/fade';
import type { HubView } from '../hub-client/state';
import type { OutboxView } from '../hub-client/views';
import type { GuardState } from '../guards/guard-state';
import { OverrideSchema } from '../engine/run';

export type { SenderKind } from './sender';

declare const REPLY: unique symbol;
/** A message's declaration; `[REPLY]` only carries the reply type (it is never set). */
export interface MessageSpec<R, S extends v.GenericSchema = v.GenericSchema> {
  readonly from: readonly SenderKind[];
  readonly schema: S;
  readonly [REPLY]?: R;
}
/** `msg<Reply>()({ from, schema })`: declares a message with its reply type. */
export const msg =
  <R>() =>
  <S extends v.GenericSchema>(spec: { from: readonly SenderKind[]; schema: S }): MessageSpec<R, S> =>
    spec;

export interface PackMeta {
  id: string;
  version: number;
  title: Pack['title'];
  source: 'bundled' | 'url' | 'file';
}
/** Page fields read from every frame of the tab, merged, and the frames that answered. */
export type PageContext = FrameRead & { frames: number };
/** Insert failures: the page's codes (lib/page/insert.ts) plus the background's `no-field`. */
export type InsertResult = { ok: true; method: string } | { ok: false; reason: string; limit?: number; kept?: number };
export type Layout = { open: boolean; width: number };
type Ok = { ok: true };
/** guards: the page UI's words (lib/background/guards.ts), so content scripts carry no dictionaries. */
export type GuardWords = Record<
  | 'guard.locked'
  | 'guard.lockedAt'
  | 'guard.marker'
  | 'fieldCheck.held'
  | 'fieldCheck.warned'
  | 'fieldCheck.required'
  | 'fieldCheck.pattern'
  | 'fieldCheck.minLength'
  | 'fieldCheck.maxLength'
  | 'fieldCheck.oneOf',
  string
>;
export type PageGuardState = GuardState & { words: GuardWords };
/** What the panel shows for a held click: the guard's or check's name and the failing rules' names. */
export type GuardHeld = { kind: 'guard' | 'check'; target: string; name: string; rules?: string[]; at: number };

const Empty = v.strictObject({});
const Version = v.pipe(v.number(), v.integer(), v.minValue(1));
const PackRef = v.strictObject({ packId: IdSchema, version: Version });
const ContextValues = v.pipe(v.record(v.string(), v.pipe(v.string(), v.maxLength(500))), v.maxEntries(100));
const RunId = v.pipe(v.string(), v.minLength(1), v.maxLength(80));
/** A panel ticket: 32 random bytes, hex (lib/background/panel-sessions.ts). */
const Ticket = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'is not a panel ticket'));

const PANEL = ['panel'] as const;
const EXT = ['panel', 'options'] as const;
const OPTIONS = ['options'] as const;
const PAGE = ['page'] as const;
const STUDIO = ['studio'] as const;

export const requests = {
  // Panel framing (lib/background/panel-sessions.ts): a content script asks for a one-time
  // ticket for the panel frame it is about to create; panel.html presents it as it starts.
  // The practice page (an extension page of ours, issue 13.4) hosts the panel too.
  // Studio (issue 12): the lead's Studio page asks for a pick or a masked snapshot of the CRM tab.
  'studio.origin': msg<{ origin: string | null }>()({ from: OPTIONS, schema: Empty }),
  'studio.setOrigin': msg<{ origin: string | null }>()({ from: OPTIONS, schema: v.strictObject({ origin: v.nullable(v.pipe(v.string(), v.maxLength(200))) }) }),
  'studio.pick': msg<PickReply>()({ from: STUDIO, schema: v.strictObject({ kind: v.picklist(['field', 'control']) }) }),
  'studio.snapshot': msg<SnapshotReply>()({ from: STUDIO, schema: Empty }),
  /** Esc in the panel while the lead picks in that tab: the pick ends as Esc in the page ends it. */
  'pick.cancel': msg<{ cancelled: boolean }>()({ from: ['panel'], schema: Empty }),
  'panel.ticket': msg<{ ticket: string }>()({ from: ['page', 'options'], schema: Empty }),
  'panel.claim': msg<Ok>()({ from: ['claimant', 'panel'], schema: v.strictObject({ ticket: Ticket }) }),

  /** `activeRunId`: the contact of the sender's tab, or the agent's most recent one for a new tab. */
  /** `practice`: the panel is on the practice page (issue 13.4): its contacts are never real. */
  'state.load': msg<{ settings: Settings; packs: Pack[]; packMeta: PackMeta[]; openRuns: Run[]; activeRunId: string | null; practice?: boolean }>()({
    from: EXT,
    schema: Empty,
  }),
  /** `run`: what the database holds now — the sent run when `saved`, else the stored higher revision. */
  'run.put': msg<{ saved: boolean; run: Run }>()({ from: PANEL, schema: v.strictObject({ run: RunSchema }) }),
  /** History (in the panel) deletes a finished contact with what it owns; `followUps`: how many went with it. */
  'run.delete': msg<{ deleted: boolean; followUps: number }>()({ from: PANEL, schema: v.strictObject({ runId: RunId }) }),
  /** What deleting a run takes along (its follow-ups), for the confirmation the panel shows first. */
  'run.owned': msg<{ followUps: number }>()({ from: PANEL, schema: v.strictObject({ runId: RunId }) }),
  /** The panel's tab switched contact (`null`: the picker); other tabs keep theirs. */
  'run.activate': msg<{ activeRunId: string | null }>()({ from: PANEL, schema: v.strictObject({ runId: v.nullable(RunId) }) }),
  'runs.history': msg<{ runs: Run[] }>()({ from: EXT, schema: v.strictObject({ limit: v.optional(v.number()) }) }),
  /** The panel's own preferences (lib/settings/prefs.ts); the options page may send them too. */
  'prefs.patch': msg<{ settings: Settings }>()({ from: EXT, schema: v.strictObject({ patch: PrefsPatchSchema }) }),
  /** Any setting, trust and sites included: the options page only. */
  'settings.patch': msg<{ settings: Settings }>()({ from: OPTIONS, schema: v.strictObject({ patch: SettingsPatchSchema }) }),
  'pack.import': msg<{ installed: PackMeta }>()({
    from: OPTIONS,
    schema: v.strictObject({ text: v.pipe(v.string(), v.maxLength(MAX_SIGNED_PACK_CHARS)) }),
  }),
  /** Panel → background → the content script of the frame that last had a CRM field focused. */
  'page.insert': msg<InsertResult>()({ from: PANEL, schema: v.strictObject({ text: v.pipe(v.string(), v.maxLength(20000)) }) }),
  /** The panel (or a keyboard shortcut in the CRM page) shows or hides the panel in every tab. */
  'panel.setOpen': msg<Layout>()({ from: ['panel', 'page'], schema: v.strictObject({ open: v.boolean() }) }),
  /** A content script reports that a CRM field in its frame got the focus. */
  'page.focused': msg<Ok>()({ from: PAGE, schema: Empty }),
  /** A content script asks for the panel state it needs to lay itself out. */
  'page.layout': msg<Layout>()({ from: PAGE, schema: Empty }),
  /** A content script saw one of its frames load: the background injects into new site frames. */
  'page.frames': msg<Ok>()({ from: PAGE, schema: Empty }),
  /** Options page: pack URLs, trusted keys and each URL's last check (policy merged in). */
  'subscriptions.get': msg<SubscriptionsView>()({ from: OPTIONS, schema: Empty }),
  /** Options page "Check now" (all URLs), or a URL just added. */
  'subscriptions.check': msg<SubscriptionsView>()({
    from: OPTIONS,
    schema: v.strictObject({ url: v.optional(v.pipe(v.string(), v.maxLength(2000))) }),
  }),
  /** Panel: update notices and what changed in each installed version, with the agent's acknowledgements. */
  'packs.updates': msg<PackUpdates>()({ from: EXT, schema: Empty }),
  'packs.dismissNotice': msg<Ok>()({ from: PANEL, schema: v.strictObject({ id: v.pipe(v.string(), v.maxLength(2200)) }) }),
  /** Panel: "I've read the new wording" for the changed phrases of one step. */
  'pack.ack': msg<{ acked: Record<string, number> }>()({
    from: PANEL,
    schema: v.strictObject({
      packId: IdSchema,
      version: Version,
      procedureId: IdSchema,
      phraseIds: v.pipe(v.array(IdSchema), v.minLength(1), v.maxLength(200)),
    }),
  }),
  /**
   * Panel → background → every frame of its tab: read the pack's page fields (merged).
   * `only: 'suggest'` (perf, issue 14.5): the procedure picker needs the site's suggestions,
   * not the fields, so no frame looks for a field it will not show.
   */
  'context.read': msg<PageContext>()({ from: PANEL, schema: v.strictObject({ ...PackRef.entries, only: v.optional(v.literal('suggest')) }) }),
  /** Panel: outline a step's CRM element in whichever frame has it; a miss is recorded. */
  'context.show': msg<{ found: boolean; error?: string }>()({
    from: PANEL,
    schema: v.strictObject({ ...PackRef.entries, procedureId: IdSchema, stepId: IdSchema, anchor: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
  }),
  'context.clear': msg<Ok>()({ from: PANEL, schema: Empty }),
  /** Keep a run's storable page fields; the background masks them before they are stored. */
  'context.keep': msg<{ stored: Record<string, string> }>()({
    from: PANEL,
    schema: v.strictObject({ ...PackRef.entries, runId: RunId, values: ContextValues }),
  }),
  /** The options page's "Broken anchors" export. */
  'anchors.broken': msg<{ anchors: BrokenAnchor[] }>()({ from: OPTIONS, schema: Empty }),
  /** Follow-ups (lib/followups): listed, added and changed by the panel and the options page. */
  'followups.list': msg<{ followUps: FollowUp[] }>()({ from: EXT, schema: Empty }),
  'followups.add': msg<{ followUp: FollowUp }>()({ from: EXT, schema: v.strictObject({ draft: FollowUpDraftSchema }) }),
  'followups.change': msg<{ followUp: FollowUp | null }>()({
    from: EXT,
    schema: v.strictObject({ id: v.pipe(v.string(), v.minLength(1), v.maxLength(80)), change: FollowUpChangeSchema }),
  }),
  /** A content script asks which keys to take from the CRM page for the panel (empty: page shortcuts are off). */
  'page.shortcuts': msg<{ combos: string[] }>()({ from: PAGE, schema: Empty }),
  /** A content script took one of those keys in the page; the background hands it to the panel of that tab. */
  'page.key': msg<{ delivered: number }>()({ from: PAGE, schema: v.strictObject({ combo: v.pipe(v.string(), v.maxLength(40)) }) }),
  // coaching (issue 13.3, 13.4) ------------------------------------------------------------
  /** Per-step counts for fading guidance, each with whether its wording changed since it was counted. */
  'coaching.stats': msg<{ stats: CoachingStat[] }>()({ from: PANEL, schema: v.strictObject({ ...PackRef.entries, procedureId: IdSchema }) }),
  /** A release drill over one procedure's changed steps was completed: its changed wording counts as read. */
  'practice.drillDone': msg<{ acked: Record<string, number> }>()({
    from: PANEL,
    schema: v.strictObject({ ...PackRef.entries, procedureId: IdSchema, runId: v.pipe(v.string(), v.minLength(1), v.maxLength(80)) }),
  }),
  /** The practice panel's drill run as it goes: kept for the session only, so the background checks the drill itself. */
  'practice.drillRun': msg<Ok>()({ from: PANEL, schema: v.strictObject({ run: RunSchema }) }),
  /** Open the practice page in a new tab. */
  'practice.open': msg<Ok>()({ from: PANEL, schema: Empty }),
  // hubext (issue 11): the team hub. The options page only; no reply carries the credential.
  /** Membership, queue counts and the last error (enrols first when policy names a hub). */
  'hub.get': msg<HubView>()({ from: OPTIONS, schema: Empty }),
  'hub.enrol': msg<HubView>()({
    from: OPTIONS,
    schema: v.strictObject({ url: v.pipe(v.string(), v.maxLength(2000)), token: v.pipe(v.string(), v.maxLength(200)) }),
  }),
  'hub.leave': msg<HubView>()({ from: OPTIONS, schema: Empty }),
  /** "Send now": sends what is queued, whatever the backoff. */
  'hub.send': msg<HubView>()({ from: OPTIONS, schema: Empty }),
  /** "What my team lead sees": every event queued, sent or refused, newest first, exactly as sent. */
  'hub.outbox': msg<{ rows: OutboxView[] }>()({
    from: OPTIONS,
    schema: v.strictObject({ limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000))) }),
  }),
  // --- guards (issue 13.1, 13.2) ---
  /** A content script asks what to guard in its tab now (locked controls, field checks). */
  'page.guards': msg<PageGuardState>()({ from: PAGE, schema: Empty }),
  /** A content script held a real click (guarded control, or Save with failing block rules): the tab's panel offers the way on. */
  'guard.held': msg<Ok>()({
    from: PAGE,
    schema: v.strictObject({ kind: OverrideSchema.entries.kind, target: IdSchema, rules: OverrideSchema.entries.rules }),
  }),
  /** The agent overrode that held click in the panel, with a reason: recorded in the tab's contact; one click then passes. */
  'guard.override': msg<Ok>()({
    from: PANEL,
    schema: v.strictObject({ kind: OverrideSchema.entries.kind, target: IdSchema, reason: OverrideSchema.entries.reason }),
  }),
} satisfies Record<string, MessageSpec<unknown>>;

export type RequestType = keyof typeof requests;
export type RequestOf<T extends RequestType> = v.InferOutput<(typeof requests)[T]['schema']>;
export type Responses = { [T in RequestType]: (typeof requests)[T] extends MessageSpec<infer R, v.GenericSchema> ? R : never };

/** Every reply is wrapped so errors cross the boundary as data, with a message for the agent. */
export type Reply<T> = { ok: true; data: T } | { ok: false; error: string };

/** Messages the background pushes to panels (over their port) and to content scripts. */
export type PanelPush =
  | { type: 'run.changed'; run: Run }
  | { type: 'settings.changed'; settings: Settings }
  | { type: 'packs.changed' }
  | { type: 'followups.changed' }
  | { type: 'page.key'; combo: string }
  | { type: 'guard.held'; held: GuardHeld };
export type ContentPush =
  | { type: 'content.pick'; kind: 'field' | 'control' }
  | { type: 'content.pickEnd' }
  | { type: 'content.capture' }
  | { type: 'content.insert'; text: string }
  | { type: 'content.layout'; layout: Layout }
  | { type: 'content.read'; sites: PageSite[]; top?: string }
  | { type: 'content.highlight'; anchor: Locator }
  | { type: 'content.unhighlight' }
  | { type: 'content.shortcuts'; combos: string[] }
  | { type: 'content.guards'; state: PageGuardState; pass?: { kind: 'guard' | 'check'; target: string } };
