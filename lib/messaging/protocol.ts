/**
 * The one message protocol between the panel, options page, content scripts and the
 * background. Every request is declared here once with its schema (checked on receipt)
 * and the extension contexts allowed to send it (checked against the sender).
 */
import * as v from 'valibot';
import { RunSchema, type Run } from '../engine/run';
import { IdSchema, type Pack } from '../pack/schema';
import { MAX_SIGNED_PACK_CHARS } from '../pack/sign';
import { SettingsPatchSchema, type Settings } from '../settings/schema';
import { FollowUpChangeSchema, FollowUpDraftSchema, type FollowUp } from '../followups/schema';
import type { PackUpdates, SubscriptionsView } from '../packs/views';
import type { BrokenAnchor } from '../context/broken-anchors';
import type { FrameRead } from '../context/merge';
import type { PageSite } from '../context/pack-context';
import type { Locator } from '../pack/context-schema';

/** `page`: a content script in a CRM tab. `ext`: an extension page (panel, options). */
export type SenderKind = 'page' | 'ext';

const Empty = v.strictObject({});
const PackRef = v.strictObject({ packId: IdSchema, version: v.pipe(v.number(), v.integer(), v.minValue(1)) });
const ContextValues = v.pipe(v.record(v.string(), v.pipe(v.string(), v.maxLength(500))), v.maxEntries(100));

export const requests = {
  'state.load': { from: ['ext'], schema: Empty },
  'run.put': { from: ['ext'], schema: v.strictObject({ run: RunSchema }) },
  'run.delete': { from: ['ext'], schema: v.strictObject({ runId: v.string() }) },
  /** What deleting a run takes along (its follow-ups), for the confirmation the panel shows first. */
  'run.owned': { from: ['ext'], schema: v.strictObject({ runId: v.pipe(v.string(), v.maxLength(80)) }) },
  /** The panel's tab switched contact (`null`: the picker); other tabs keep theirs. */
  'run.activate': { from: ['ext'], schema: v.strictObject({ runId: v.nullable(v.pipe(v.string(), v.minLength(1), v.maxLength(80))) }) },
  'runs.history': { from: ['ext'], schema: v.strictObject({ limit: v.optional(v.number()) }) },
  'settings.patch': { from: ['ext'], schema: v.strictObject({ patch: SettingsPatchSchema }) },
  'pack.get': { from: ['ext'], schema: v.strictObject({ packId: IdSchema, version: v.number() }) },
  'pack.import': { from: ['ext'], schema: v.strictObject({ text: v.pipe(v.string(), v.maxLength(MAX_SIGNED_PACK_CHARS)) }) },
  'sites.sync': { from: ['ext'], schema: Empty },
  /** Panel → background → the content script of the frame that last had a CRM field focused. */
  'page.insert': { from: ['ext'], schema: v.strictObject({ text: v.pipe(v.string(), v.maxLength(20000)) }) },
  /** The panel (or a keyboard shortcut in the CRM page) shows or hides the panel in its tab. */
  'panel.setOpen': { from: ['ext', 'page'], schema: v.strictObject({ open: v.boolean() }) },
  /** A content script reports that a CRM field in its frame got the focus. */
  'page.focused': { from: ['page'], schema: Empty },
  /** A content script asks for the panel state it needs to lay itself out. */
  'page.layout': { from: ['page'], schema: Empty },
  /** A content script saw one of its frames load: the background injects into new site frames. */
  'page.frames': { from: ['page'], schema: Empty },
  /** Options page: pack URLs, trusted keys and each URL's last check (policy merged in). */
  'subscriptions.get': { from: ['ext'], schema: Empty },
  /** Options page "Check now" (all URLs), or a URL just added. */
  'subscriptions.check': { from: ['ext'], schema: v.strictObject({ url: v.optional(v.pipe(v.string(), v.maxLength(2000))) }) },
  /** Panel: update notices and what changed in each installed version, with the agent's acknowledgements. */
  'packs.updates': { from: ['ext'], schema: Empty },
  'packs.dismissNotice': { from: ['ext'], schema: v.strictObject({ id: v.pipe(v.string(), v.maxLength(2200)) }) },
  /** Panel: "I've read the new wording" for the changed phrases of one step. */
  'pack.ack': {
    from: ['ext'],
    schema: v.strictObject({
      packId: IdSchema,
      version: v.pipe(v.number(), v.integer(), v.minValue(1)),
      procedureId: IdSchema,
      phraseIds: v.pipe(v.array(IdSchema), v.minLength(1), v.maxLength(200)),
    }),
  },
  /** Panel → background → every frame of its tab: read the pack's page fields (merged). */
  'context.read': { from: ['ext'], schema: PackRef },
  /** Panel: outline a step's CRM element in whichever frame has it; a miss is recorded. */
  'context.show': {
    from: ['ext'],
    schema: v.strictObject({ ...PackRef.entries, procedureId: IdSchema, stepId: IdSchema, anchor: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
  },
  'context.clear': { from: ['ext'], schema: Empty },
  /** Keep a run's storable page fields; the background masks them before they are stored. */
  'context.keep': {
    from: ['ext'],
    schema: v.strictObject({ ...PackRef.entries, runId: v.pipe(v.string(), v.minLength(1), v.maxLength(80)), values: ContextValues }),
  },
  /** The options page's "Broken anchors" export. */
  'anchors.broken': { from: ['ext'], schema: Empty },
  /** Follow-ups (lib/followups): listed, added and changed by the panel and the options page. */
  'followups.list': { from: ['ext'], schema: Empty },
  'followups.add': { from: ['ext'], schema: v.strictObject({ draft: FollowUpDraftSchema }) },
  'followups.change': { from: ['ext'], schema: v.strictObject({ id: v.pipe(v.string(), v.minLength(1), v.maxLength(80)), change: FollowUpChangeSchema }) },
  /** A content script asks which keys to take from the CRM page for the panel (empty: page shortcuts are off). */
  'page.shortcuts': { from: ['page'], schema: Empty },
  /** A content script took one of those keys in the page; the background hands it to the panel of that tab. */
  'page.key': { from: ['page'], schema: v.strictObject({ combo: v.pipe(v.string(), v.maxLength(40)) }) },
} as const;

export type RequestType = keyof typeof requests;
export type RequestOf<T extends RequestType> = v.InferOutput<(typeof requests)[T]['schema']>;

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

export interface Responses {
  /** `activeRunId`: the contact of the sender's tab, or the agent's most recent one for a new tab. */
  'state.load': { settings: Settings; packs: Pack[]; packMeta: PackMeta[]; openRuns: Run[]; activeRunId: string | null };
  /** `run`: what the database holds now — the sent run when `saved`, else the stored higher revision. */
  'run.put': { saved: boolean; run: Run };
  'run.delete': { deleted: boolean; followUps: number };
  'run.owned': { followUps: number };
  'run.activate': { activeRunId: string | null };
  'runs.history': { runs: Run[] };
  'settings.patch': { settings: Settings };
  'pack.get': { pack: Pack | null };
  'pack.import': { installed: PackMeta };
  'sites.sync': { registered: string[] };
  'page.insert': InsertResult;
  'panel.setOpen': Layout;
  'page.focused': { ok: true };
  'page.layout': Layout;
  'page.frames': { ok: true };
  'subscriptions.get': SubscriptionsView;
  'subscriptions.check': SubscriptionsView;
  'packs.updates': PackUpdates;
  'packs.dismissNotice': { ok: true };
  'pack.ack': { acked: Record<string, number> };
  'context.read': PageContext;
  'context.show': { found: boolean; error?: string };
  'context.clear': { ok: true };
  'context.keep': { stored: Record<string, string> };
  'anchors.broken': { anchors: BrokenAnchor[] };
  'followups.list': { followUps: FollowUp[] };
  'followups.add': { followUp: FollowUp };
  'followups.change': { followUp: FollowUp | null };
  'page.shortcuts': { combos: string[] };
  'page.key': { delivered: number };
}

/** Every reply is wrapped so errors cross the boundary as data, with a message for the agent. */
export type Reply<T> = { ok: true; data: T } | { ok: false; error: string };

/** Messages the background pushes to panels (over their port) and to content scripts. */
export type PanelPush =
  | { type: 'run.changed'; run: Run }
  | { type: 'settings.changed'; settings: Settings }
  | { type: 'packs.changed' }
  | { type: 'followups.changed' }
  | { type: 'page.key'; combo: string };
export type ContentPush =
  | { type: 'content.insert'; text: string }
  | { type: 'content.layout'; layout: Layout }
  | { type: 'content.read'; sites: PageSite[]; top?: string }
  | { type: 'content.highlight'; anchor: Locator }
  | { type: 'content.unhighlight' }
  | { type: 'content.shortcuts'; combos: string[] };
