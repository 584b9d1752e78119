// The bundled practice CRM (issue 13.4): sample data only, and the panel docked as on a real
// CRM page. Content scripts cannot run in extension pages, so this page mounts the panel
// itself; the background tells the panel it is on the practice page (state.load), and a
// practice panel's contacts are never stored.
import { browser } from 'wxt/browser';
import { sendPatiently } from '@/lib/messaging/client';
import { mountPanel } from '@/lib/panel-host/mount';

async function main() {
  const src = async () => `${browser.runtime.getURL('/panel.html')}#${(await sendPatiently('panel.ticket', {})).ticket}`;
  mountPanel(document, await src(), { open: true, width: 380 }, src);
}
void main();
