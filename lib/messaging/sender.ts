/**
 * Who sent a message or opened a port, decided once, where it arrives (modelled on Bitwarden's
 * `is-external-message.ts`). Every message in protocol.ts lists the kinds it accepts.
 *
 * - `page`: a Cuecard content script in a browser tab (its URL is the web page's).
 *   NOT proven: that the page did not steer it. The page cannot call extension APIs itself, but
 *   it drives the DOM our script reads (events, focus, elements), so page messages ask for no
 *   more than a page may have; the background re-checks what they claim.
 * - `panel`: panel.html in a frame of a tab, whose (tab, frame, document) presented a one-time
 *   ticket that a content script of that tab asked for (lib/background/panel-sessions.ts).
 *   NOT proven: that the frame is visible, unobstructed or that a person clicked in it
 *   (clickjacking is handled in the panel); nor which frame embeds it — the ticket travels in
 *   the iframe URL inside a closed shadow root that page scripts cannot read.
 * - `claimant`: panel.html framed in a tab but not (yet) bound by a ticket. It may only present
 *   one (`panel.claim`). Any site may frame panel.html (it is web-accessible); that is all it gets.
 * - `options`: one of our own extension pages, top-level in a tab (the options page, a welcome
 *   page). These are not web-accessible, so no web page can frame or open them. (The
 *   options page opens in a tab, `open_in_tab`; embedded in the browser's own extensions
 *   page it would be framed, and refused here.)
 *   NOT proven: that the agent, rather than another extension page of ours, asked for it.
 * - `studio`: a Cuecard content script in the top frame of a page on the Studio address the
 *   lead set in options (issue 12). It may ask for a pick or a masked snapshot of the CRM tab.
 *   NOT proven: that the lead, not a script of that page, asked; the Studio origin is trusted
 *   as the lead's own, and what it gets back is never a field's value.
 * Anything else — another extension, a web page's own frame, panel.html opened top-level, an
 * extension page of ours framed somewhere — gets `null` and every request is refused.
 */
export type SenderKind = 'page' | 'panel' | 'claimant' | 'options' | 'studio';

export interface SenderInfo {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
  /** Chromium 106+: the document, which changes when the frame navigates or reloads. */
  documentId?: string;
}

export interface ExtensionIdentity {
  id: string;
  /** Our origins: `chrome-extension://<id>/`, and the dynamic one web-accessible pages may have. */
  origins: readonly string[];
}

export const PANEL_PATH = '/panel.html';

/** The extension page a sender is, by path, or null when it is not one of ours. */
function extensionPath(sender: SenderInfo, ext: ExtensionIdentity): string | null {
  const url = sender.url;
  if (!url) return null;
  const origin = ext.origins.find((o) => url.startsWith(o));
  if (!origin) return null;
  try {
    return new URL(url).pathname;
  } catch {
    return null;
  }
}

/**
 * The sender's kind. `isBoundPanel` answers whether a panel.html sender has presented a valid
 * ticket (asked only for those, as it reads session storage).
 */
export async function classifySender(
  sender: SenderInfo,
  ext: ExtensionIdentity,
  isBoundPanel: (sender: SenderInfo) => Promise<boolean>,
): Promise<SenderKind | null> {
  if (sender.id !== ext.id) return null;
  const path = extensionPath(sender, ext);
  if (path === null) return sender.tab?.id !== undefined && sender.frameId !== undefined ? 'page' : null;
  if (path === PANEL_PATH) {
    // Top-level panel.html (a page opening it in a window or tab) is never a panel.
    if (sender.tab?.id === undefined || !sender.frameId) return null;
    return (await isBoundPanel(sender)) ? 'panel' : 'claimant';
  }
  // Our other pages are not web-accessible: framed, they can only be inside one of our pages.
  return !sender.frameId ? 'options' : null;
}

export const kindName: Record<SenderKind, string> = {
  page: 'a web page',
  panel: 'the panel',
  claimant: 'a panel that Cuecard did not open here',
  options: 'the options page',
  studio: 'the Studio page',
};

/** A `page` sender is `studio` when it is the top frame of a page on the Studio origin. */
export function isStudioSender(sender: SenderInfo, studioOrigin: string | undefined): boolean {
  if (!studioOrigin || sender.frameId !== 0 || !sender.url) return false;
  try {
    return new URL(sender.url).origin === studioOrigin;
  } catch {
    return false;
  }
}
