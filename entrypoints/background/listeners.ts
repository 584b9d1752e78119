/** The browser events the background answers, each handed to a service (lib/background). */
import { browser } from 'wxt/browser';
import { createRouter } from '@/lib/messaging/server';
import { FOLLOWUP_PREFIX, SNOOZE_MINUTES } from '@/lib/background/followups';
import type { Services } from '@/lib/background/services';
import { ALARM } from '@/lib/background/subscriptions';
import { isPolicyChange } from '@/lib/background/pack-config';
import { HUB_ALARM } from '@/lib/background/hub-send';

export function listenForMessages(s: Services) {
  const route = createRouter(s.handlers, s.kindOf);
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    // Messages meant for content scripts travel the other way; ignore anything we push.
    if ((message as { type?: string })?.type?.startsWith('content.')) return false;
    route(message, sender).then(sendResponse);
    return true;
  });
  browser.runtime.onConnect.addListener((port) => s.ports.accept(port));
}

export function listenForTabs(s: Services) {
  // Session storage is emptied when the extension is disabled or the browser restarts: work
  // the sites out as the worker starts, not at the first page that needs them.
  void s.sites.currentSites().catch(() => undefined);
  browser.tabs.onUpdated.addListener((tabId, info) => {
    if (info.status === 'complete') void s.inject.injectTab(tabId);
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    void s.focus.forgetTab(tabId).catch(() => undefined);
    void s.sessions.forgetTab(tabId).catch(() => undefined);
    void s.runs.forgetClosedTab(tabId).catch(() => undefined);
  });
  browser.permissions.onRemoved.addListener(() => void s.sites.resyncSites());
  // The browser-level shortcut toggles the panel in every CRM tab, as the panel's own button does.
  browser.commands?.onCommand.addListener((command) => {
    if (command === 'toggle-panel') void s.layout.toggle();
  });
}

export function listenForLifecycle(s: Services) {
  const start = () => {
    void s.packs.ensureDefaultPack().catch(() => undefined);
    void s.subscriptions.checkSubscriptions('startup');
    void s.followUps.resync();
    void s.hub
      .syncPolicy()
      .then(() => s.hub.flush())
      .catch(() => undefined);
  };
  browser.runtime.onStartup.addListener(start);
  browser.runtime.onInstalled.addListener(async () => {
    start();
    await s.sites.resyncSites().catch(() => undefined);
    await s.inject.injectIntoOpenTabs();
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    // The team hub's pack list first, so a pack it started serving is among the URLs checked.
    if (alarm.name === ALARM)
      void s.hub
        .refreshFeed()
        .catch(() => undefined)
        .then(() => s.subscriptions.checkSubscriptions('schedule'));
    if (alarm.name.startsWith(FOLLOWUP_PREFIX)) void s.followUps.notifyDue();
    if (alarm.name === HUB_ALARM) void s.hub.flush(true).catch(() => undefined);
  });
  browser.storage.onChanged.addListener((changes, area) => {
    if (isPolicyChange(changes, area)) {
      void s.subscriptions.checkSubscriptions('startup');
      void s.hub.syncPolicy().catch(() => undefined);
    }
  });
}

export function listenForFollowUpClicks(s: Services) {
  browser.notifications.onClicked.addListener((id) => {
    if (!id.startsWith(FOLLOWUP_PREFIX)) return;
    void browser.notifications.clear(id);
    void s.followUps.openFollowUpList();
  });
  browser.notifications.onButtonClicked.addListener((id, button) => {
    if (!id.startsWith(FOLLOWUP_PREFIX)) return;
    const change = button === 0 ? ({ action: 'done' } as const) : ({ action: 'snooze', minutes: SNOOZE_MINUTES } as const);
    void s.followUps.changeFollowUp(id.slice(FOLLOWUP_PREFIX.length), change).catch(() => browser.notifications.clear(id));
  });
}
