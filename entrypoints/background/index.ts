import { browser } from 'wxt/browser';
import { db } from '@/lib/db/schema';
import { createServices } from '@/lib/background/services';
import { isNewAgent, setupWelcome } from '@/lib/background/welcome';
import { listenForFollowUpClicks, listenForLifecycle, listenForMessages, listenForTabs } from './listeners';

// The background only wires: the services (lib/background) are built from the database and the
// extension APIs, and the browser's events are handed to them.
export default defineBackground(() => {
  const services = createServices({ db: db(), browser });
  listenForMessages(services);
  listenForTabs(services);
  listenForLifecycle(services);
  listenForFollowUpClicks(services);
  // Open CRM tabs learn new page shortcuts at once when the agent changes them in Options.
  services.pageKeys.watch();
  // The team hub hears of every pack release installed, whichever path installed it.
  services.hub.watchReleases();
  setupWelcome(browser, () => isNewAgent(db()));
});
