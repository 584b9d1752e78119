/**
 * Panel framing (issue #10, item 1). panel.html is web-accessible, so any site can frame it;
 * only a frame that Cuecard's own content script created may act as the panel:
 * 1. the content script asks for a ticket (`panel.ticket`): 32 random bytes, bound to its tab,
 *    usable once, within TICKET_TTL_MS;
 * 2. it puts the ticket in the fragment of the iframe it creates inside a closed shadow root
 *    (page scripts cannot reach that element, nor read a cross-origin frame's URL);
 * 3. panel.html presents it (`panel.claim`); the background binds it to that sender's tab,
 *    frame and document, and from then on takes panel messages and ports only from bound senders.
 * Tickets and bindings live in session storage, so they survive the service worker stopping.
 * A reload of the bound panel (same frame, new document) presents the same ticket again and is
 * re-bound; any other frame presenting it — a replay — is refused.
 */
import type { SenderInfo } from '../messaging/sender';

export const TICKET_TTL_MS = 60_000;

/** The slice of `chrome.storage.session` used here. */
export interface SessionArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

interface Ticket {
  tabId: number;
  /** The content script's frame, for diagnosis: a panel cannot prove which frame embeds it. */
  hostFrameId: number;
  issuedAt: number;
  /** Set once claimed: the panel frame it belongs to. */
  frameId?: number;
}
interface Binding {
  ticket: string;
  documentId?: string;
}

const TICKET = 'panelTicket:';
const BOUND = 'panelBound:';
const boundKey = (tabId: number, frameId: number) => `${BOUND}${tabId}:${frameId}`;

export class PanelRefused extends Error {
  override name = 'PanelRefused';
}

export function createPanelSessions(deps: { session: SessionArea; now: () => number; randomBytes: (n: number) => Uint8Array }) {
  const { session, now } = deps;
  const read = async <T>(key: string) => (await session.get(key))[key] as T | undefined;

  async function sweep(tabId?: number) {
    const all = await session.get(null);
    const stale: string[] = [];
    for (const [key, value] of Object.entries(all)) {
      if (key.startsWith(TICKET)) {
        const t = value as Ticket;
        if (t.tabId === tabId || (t.frameId === undefined && now() - t.issuedAt > TICKET_TTL_MS)) stale.push(key);
      } else if (tabId !== undefined && key.startsWith(`${BOUND}${tabId}:`)) stale.push(key);
    }
    if (stale.length) await session.remove(stale);
  }

  return {
    async issue(sender: SenderInfo): Promise<string> {
      const tabId = sender.tab?.id;
      if (tabId === undefined) throw new PanelRefused('A panel ticket is only for a content script in a tab.');
      await sweep();
      const ticket = [...deps.randomBytes(32)].map((b) => b.toString(16).padStart(2, '0')).join('');
      const row: Ticket = { tabId, hostFrameId: sender.frameId ?? 0, issuedAt: now() };
      await session.set({ [TICKET + ticket]: row });
      return ticket;
    },

    async claim(ticket: string, sender: SenderInfo): Promise<void> {
      const tabId = sender.tab?.id;
      const frameId = sender.frameId;
      const refuse = (why: string) => new PanelRefused(`Cuecard is not available here: ${why}`);
      if (tabId === undefined || !frameId) throw refuse('the panel is not framed in a tab.');
      const row = await read<Ticket>(TICKET + ticket);
      if (!row || row.tabId !== tabId) throw refuse('this panel was not opened by Cuecard in this tab.');
      if (row.frameId === undefined) {
        if (now() - row.issuedAt > TICKET_TTL_MS) throw refuse('its ticket expired.');
        // One panel per tab: the frame this ticket replaces (swept away by the page) loses its rights.
        const all = await session.get(null);
        const old = Object.keys(all).filter((k) => k.startsWith(`${BOUND}${tabId}:`));
        if (old.length) await session.remove(old);
        await session.set({ [TICKET + ticket]: { ...row, frameId } });
      } else if (row.frameId !== frameId) {
        throw refuse('its ticket was already used by another frame.');
      }
      const binding: Binding = sender.documentId ? { ticket, documentId: sender.documentId } : { ticket };
      await session.set({ [boundKey(tabId, frameId)]: binding });
    },

    /** True for panel.html in the frame and document that claimed a ticket. */
    async isBound(sender: SenderInfo): Promise<boolean> {
      const tabId = sender.tab?.id;
      if (tabId === undefined || !sender.frameId) return false;
      const binding = await read<Binding>(boundKey(tabId, sender.frameId));
      if (!binding) return false;
      // Where the browser names documents, a navigation or reload of the frame needs a new claim.
      return binding.documentId === undefined || binding.documentId === sender.documentId;
    },

    /** A closed tab's tickets and bindings go with it. */
    forgetTab: (tabId: number) => sweep(tabId),
  };
}

export type PanelSessions = ReturnType<typeof createPanelSessions>;
