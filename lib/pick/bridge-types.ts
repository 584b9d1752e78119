/**
 * What Studio gets back from the lead's extension (issue 12), checked by the background before
 * it leaves for the Studio page: an anchor and a count, or a masked snapshot — never a value.
 */
import * as v from 'valibot';
import { LocatorEntries } from '../pack/context-schema';

export const PickResultSchema = v.object({
  loc: v.strictObject(LocatorEntries),
  matches: v.pipe(v.number(), v.integer(), v.minValue(0)),
});

export type PickFail = 'no-crm-tab' | 'cancelled' | 'no-anchor' | 'busy';
export type PickReply = { ok: true; loc: v.InferOutput<typeof PickResultSchema>['loc']; matches: number } | { ok: false; reason: PickFail };
export type SnapshotReply = { ok: true; text: string; page: string } | { ok: false; reason: 'no-crm-tab' | 'empty' };

/** window.postMessage between the Studio page and the bridge content script on it. */
export const BRIDGE = 'cuecard-studio';
export type BridgeRequest =
  | { bridge: typeof BRIDGE; dir: 'request'; id: string; op: 'pick'; kind: 'field' | 'control' }
  | { bridge: typeof BRIDGE; dir: 'request'; id: string; op: 'snapshot' };
export type BridgeReply = { bridge: typeof BRIDGE; dir: 'reply'; id: string; reply: PickReply | SnapshotReply | { ok: true } | { ok: false; reason: string } };
export type BridgeReady = { bridge: typeof BRIDGE; dir: 'ready' };
