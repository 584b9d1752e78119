/**
 * The Studio page's side door into the extension (issue 12): window messages from the page
 * itself become `studio.pick` / `studio.snapshot` requests; the background decides whether this
 * page is Studio (its exact origin) and answers. Nothing else is relayed.
 */
import { send } from '../messaging/client';
import { BRIDGE, type BridgeReady, type BridgeReply } from './bridge-types';

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function relayStudio(win: Window): () => void {
  const reply = (id: string, r: BridgeReply['reply']) =>
    win.postMessage({ bridge: BRIDGE, dir: 'reply', id, reply: r } satisfies BridgeReply, win.location.origin);
  const onMessage = (e: MessageEvent) => {
    // Only the page's own messages: not a frame's, not another window's.
    if (e.source !== win || e.origin !== win.location.origin) return;
    const m = e.data as { bridge?: unknown; dir?: unknown; id?: unknown; op?: unknown; kind?: unknown } | null;
    if (!m || m.bridge !== BRIDGE || m.dir !== 'request' || typeof m.id !== 'string' || !ID.test(m.id)) return;
    const id = m.id;
    // Studio asks whether a bridge is here before it offers Pick and Snapshot.
    if (m.op === 'hello') return void reply(id, { ok: true });
    const asked =
      m.op === 'pick' ? send('studio.pick', { kind: m.kind === 'control' ? 'control' : 'field' }) : m.op === 'snapshot' ? send('studio.snapshot', {}) : null;
    if (!asked) return;
    asked.then(
      (r) => reply(id, r),
      (err: unknown) => reply(id, { ok: false, reason: err instanceof Error ? err.message : String(err) }),
    );
  };
  win.addEventListener('message', onMessage);
  win.postMessage({ bridge: BRIDGE, dir: 'ready' } satisfies BridgeReady, win.location.origin);
  return () => win.removeEventListener('message', onMessage);
}
