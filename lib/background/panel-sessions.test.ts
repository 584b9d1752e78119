import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createPanelSessions, TICKET_TTL_MS } from './panel-sessions';

let clock = 1_000;
let seed = 0;
const sessions = () =>
  createPanelSessions({ session: fakeBrowser.storage.session, now: () => clock, randomBytes: (n) => new Uint8Array(n).map(() => ++seed % 256) });

const host = { id: 'x', tab: { id: 5 }, frameId: 0 };
const frame = (frameId: number, documentId = `doc-${frameId}`) => ({ id: 'x', url: 'chrome-extension://x/panel.html', tab: { id: 5 }, frameId, documentId });

beforeEach(() => {
  fakeBrowser.reset();
  clock = 1_000;
});

describe('panel sessions', () => {
  it('bind the frame that presents a fresh ticket, and only that frame and document', async () => {
    const s = sessions();
    const ticket = await s.issue(host);
    expect(ticket).toMatch(/^[0-9a-f]{64}$/);
    expect(await s.isBound(frame(9))).toBe(false);
    await s.claim(ticket, frame(9));
    expect(await s.isBound(frame(9))).toBe(true);
    expect(await s.isBound(frame(10))).toBe(false);
    expect(await s.isBound(frame(9, 'other-document'))).toBe(false);
    expect(await s.isBound({ ...frame(9), tab: { id: 6 } })).toBe(false);
  });

  it('refuse a replayed ticket from another frame, an unknown ticket, another tab and an expired ticket', async () => {
    const s = sessions();
    const ticket = await s.issue(host);
    await s.claim(ticket, frame(9));
    await expect(s.claim(ticket, frame(10))).rejects.toThrow('Cuecard is not available here: its ticket was already used by another frame.');
    expect(await s.isBound(frame(10))).toBe(false);
    expect(await s.isBound(frame(9))).toBe(true); // the genuine panel keeps working
    await expect(s.claim('0'.repeat(64), frame(11))).rejects.toThrow('this panel was not opened by Cuecard in this tab.');
    const other = await s.issue(host);
    await expect(s.claim(other, { ...frame(12), tab: { id: 6 } })).rejects.toThrow('not opened by Cuecard in this tab');
    const late = await s.issue(host);
    clock += TICKET_TTL_MS + 1;
    await expect(s.claim(late, frame(13))).rejects.toThrow('its ticket expired.');
  });

  it('re-bind the same frame after a reload (new document), and survive a new service instance (worker restart)', async () => {
    const ticket = await sessions().issue(host);
    await sessions().claim(ticket, frame(9, 'first'));
    const restarted = sessions();
    expect(await restarted.isBound(frame(9, 'first'))).toBe(true);
    expect(await restarted.isBound(frame(9, 'reloaded'))).toBe(false);
    await restarted.claim(ticket, frame(9, 'reloaded'));
    expect(await restarted.isBound(frame(9, 'reloaded'))).toBe(true);
    expect(await restarted.isBound(frame(9, 'first'))).toBe(false);
  });

  it('hand the tab to a re-mounted panel (new ticket): the swept frame loses its rights', async () => {
    const s = sessions();
    await s.claim(await s.issue(host), frame(9));
    await s.claim(await s.issue(host), frame(14));
    expect(await s.isBound(frame(14))).toBe(true);
    expect(await s.isBound(frame(9))).toBe(false);
  });

  it('refuse claims from outside a tab or from a top-level document, and forget a closed tab', async () => {
    const s = sessions();
    const ticket = await s.issue(host);
    await expect(s.claim(ticket, { ...frame(9), tab: undefined })).rejects.toThrow('not framed in a tab');
    await expect(s.claim(ticket, frame(0))).rejects.toThrow('not framed in a tab');
    await expect(s.issue({ id: 'x' })).rejects.toThrow('only for a content script in a tab');
    await s.claim(ticket, frame(9));
    await s.forgetTab(5);
    expect(await s.isBound(frame(9))).toBe(false);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });
});
