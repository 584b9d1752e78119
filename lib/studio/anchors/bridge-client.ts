/**
 * Studio's side of the bridge to the lead's extension (issue 12): a request posted to its own
 * window, answered by the bridge content script that the extension runs on the Studio address
 * only (lib/pick/bridge-relay.ts). Picks wait for the lead; a missing bridge is noticed at once.
 */
import { BRIDGE, type PickReply, type SnapshotReply } from '../../pick/bridge-types';

type Reply = { ok: true } | { ok: false; reason: string };
let next = 0;

function request<R>(win: Window, body: Record<string, string>, timeout?: number): Promise<R | null> {
  const id = `s${Date.now().toString(36)}${(next++).toString(36)}`;
  return new Promise((resolve) => {
    const timer = timeout === undefined ? undefined : setTimeout(() => done(null), timeout);
    const onMessage = (e: MessageEvent) => {
      const d = e.data as { bridge?: unknown; dir?: unknown; id?: unknown; reply?: unknown } | null;
      if (e.source === win && d?.bridge === BRIDGE && d.dir === 'reply' && d.id === id) done(d.reply as R);
    };
    const done = (r: R | null) => {
      clearTimeout(timer);
      win.removeEventListener('message', onMessage);
      resolve(r);
    };
    win.addEventListener('message', onMessage);
    win.postMessage({ bridge: BRIDGE, dir: 'request', id, ...body }, win.location.origin);
  });
}

/** True when the lead's extension runs its bridge on this page. */
export const bridgeHere = async (win: Window) => (await request<Reply>(win, { op: 'hello' }, 1500))?.ok === true;

export const pickOnCrm = (win: Window, kind: 'field' | 'control') => request<PickReply | Reply>(win, { op: 'pick', kind });

export const snapshotCrm = (win: Window) => request<SnapshotReply | Reply>(win, { op: 'snapshot' }, 60_000);
