import { browser } from 'wxt/browser';
import { forgetClosedTabs } from '@/lib/session/active-run';
import { setupPorts } from './ports';
import { setupRouter } from './router';
import { setupInjection } from './inject';
import { setupPacks } from './packs';
import { setupCommands } from './commands';
import { setupFocus } from './focus';
import { setupFollowUps } from './followups';
import { setupPageKeys } from './page-keys';
import { setupSubscriptions } from './subscriptions';
import { setupWelcome } from './welcome';

// The background only wires services together; each lives in its own file beside this one.
export default defineBackground(() => {
  setupPorts();
  setupRouter();
  setupInjection();
  setupPacks();
  setupCommands();
  setupFocus();
  setupFollowUps();
  setupPageKeys();
  setupSubscriptions();
  setupWelcome();
  forgetClosedTabs(browser.tabs.onRemoved, browser.storage.session);
});
