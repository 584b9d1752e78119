/**
 * panel.html's first act: present the ticket its content script put in the URL fragment
 * (lib/background/panel-sessions.ts). Without a ticket the background accepts, this frame was
 * not opened by Cuecard here (an unrelated site, a CRM page's own iframe, a replayed URL): it
 * shows a neutral notice, asks for no data and opens no port.
 */
import { sendPatiently } from '../messaging/client';
import { resolveLang, translate } from '../i18n/translate';

/** The ticket from `#<ticket>`; the fragment is kept, so a reload of this frame can claim again. */
export function ticketOf(hash: string): string | null {
  const t = hash.replace(/^#/, '');
  return /^[0-9a-f]{64}$/.test(t) ? t : null;
}

export async function claimPanel(hash: string): Promise<boolean> {
  const ticket = ticketOf(hash);
  if (!ticket) return false;
  return sendPatiently('panel.claim', { ticket }).then(
    () => true,
    () => false,
  );
}

/** The notice, as text in the agent's browser language (there are no settings to read). */
export function showUnavailable(doc: Document, browserLang: string | undefined) {
  const lang = resolveLang('auto', browserLang);
  const p = doc.createElement('p');
  p.dataset.testid = 'cc-unavailable';
  p.textContent = translate(lang, 'app.unavailable');
  p.style.cssText = 'margin:16px;font:14px system-ui,sans-serif;color:#555';
  doc.documentElement.lang = lang;
  doc.getElementById('app')?.replaceChildren(p);
}
