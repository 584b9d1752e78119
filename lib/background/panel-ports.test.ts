/** Pushes reach only the ports of bound panels, and each push goes where it is meant to. */
import { describe, expect, it, vi } from 'vitest';
import type { SenderKind } from '../messaging/sender';
import { createPanelPorts } from './panel-ports';

function fakePort(sender: { tab?: { id?: number }; frameId?: number; documentId?: string } | undefined, name = 'panel') {
  const onDisconnect: Array<() => void> = [];
  const port = {
    name,
    sender,
    posted: [] as unknown[],
    disconnected: false,
    postMessage: (m: unknown) => void port.posted.push(m),
    disconnect: vi.fn(() => void (port.disconnected = true)),
    onDisconnect: { addListener: (f: () => void) => void onDisconnect.push(f) },
    close: () => onDisconnect.forEach((f) => f()),
  };
  return port;
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('panel ports', () => {
  it('keep bound panels only; claimants, strangers and other port names are disconnected and hear nothing', async () => {
    const kinds: Record<string, SenderKind | null> = { bound: 'panel', claimant: 'claimant', page: 'page' };
    const ports = createPanelPorts(async (s) => kinds[(s as { documentId: string }).documentId] ?? null);
    const bound = fakePort({ tab: { id: 1 }, frameId: 4, documentId: 'bound' });
    const claimant = fakePort({ tab: { id: 1 }, frameId: 5, documentId: 'claimant' });
    const page = fakePort({ tab: { id: 1 }, frameId: 0, documentId: 'page' });
    const misnamed = fakePort({ tab: { id: 1 }, frameId: 4, documentId: 'bound' }, 'other');
    for (const p of [bound, claimant, page, misnamed]) ports.accept(p as never);
    await settle();
    expect([bound, claimant, page, misnamed].map((p) => p.disconnected)).toEqual([false, true, true, true]);
    ports.toPanels({ type: 'packs.changed' });
    expect(bound.posted).toEqual([{ type: 'packs.changed' }]);
    expect([claimant, page, misnamed].flatMap((p) => p.posted)).toEqual([]);
  });

  it('skip the sender of a change, reach one tab only for page keys, and forget closed ports', async () => {
    const ports = createPanelPorts(async () => 'panel');
    const a = fakePort({ tab: { id: 1 }, frameId: 4 });
    const b = fakePort({ tab: { id: 2 }, frameId: 9 });
    ports.accept(a as never);
    ports.accept(b as never);
    await settle();
    ports.toPanels({ type: 'followups.changed' }, { tabId: 1, frameId: 4 });
    expect([a.posted.length, b.posted.length]).toEqual([0, 1]);
    expect(ports.toTab(2, { type: 'page.key', combo: 'Alt+N' })).toBe(1);
    expect(b.posted.at(-1)).toEqual({ type: 'page.key', combo: 'Alt+N' });
    b.close();
    expect(ports.toTab(2, { type: 'page.key', combo: 'Alt+N' })).toBe(0);
  });

  it('do not keep a port that closed while its sender was being checked', async () => {
    let release!: (k: SenderKind) => void;
    const ports = createPanelPorts(() => new Promise((r) => (release = r)));
    const p = fakePort({ tab: { id: 1 }, frameId: 4 });
    ports.accept(p as never);
    p.close();
    release('panel');
    await settle();
    ports.toPanels({ type: 'packs.changed' });
    expect(p.posted).toEqual([]);
  });
});
