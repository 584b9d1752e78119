/**
 * Follow-ups: stored here (the one IndexedDB owner), one chrome.alarms alarm per open
 * follow-up, and a system notification when it falls due — alarms wake the service worker,
 * so this works with no CRM tab open. Clicking the notification opens Options → Follow-ups.
 */
import { browser } from 'wxt/browser';
import * as repo from '@/lib/db/repo';
import { db, type CuecardDb } from '@/lib/db/schema';
import { applyChange, isDue, owedNotifications } from '@/lib/followups/due';
import type { FollowUp } from '@/lib/followups/schema';
import { resolveLang, translate } from '@/lib/i18n/translate';
import type { HandlersFor } from '@/lib/messaging/server';
import { pushToPanels } from './ports';

const PREFIX = 'followup:';
const SNOOZE_MINUTES = 10;
/** Done follow-ups are kept this long for the options list, then swept. */
const KEEP_DONE_MS = 14 * 24 * 3600_000;

export const OPTIONS_FOLLOWUPS = '/options.html#followups';

async function schedule(f: FollowUp) {
  const name = PREFIX + f.id;
  if (f.status !== 'open' || f.notifiedAt !== undefined) return void (await browser.alarms.clear(name));
  await browser.alarms.create(name, { when: Math.max(f.dueAt, Date.now() + 500) });
}

async function notify(d: CuecardDb, f: FollowUp) {
  const settings = await repo.getSettings(d);
  const lang = resolveLang(settings.lang, globalThis.navigator?.language);
  await browser.notifications.create(PREFIX + f.id, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: translate(lang, 'followup.notifyTitle'),
    message: f.title,
    buttons: [{ title: translate(lang, 'followup.done') }, { title: translate(lang, 'followup.snooze', { minutes: SNOOZE_MINUTES }) }],
    // Stays until the agent acts: a promised call-back must not slide away unseen.
    requireInteraction: true,
    priority: 2,
  });
  await d.followups.put({ ...f, notifiedAt: Date.now() });
  pushToPanels({ type: 'followups.changed' });
}

/** Notify every follow-up that is due and not yet notified (after an alarm, a restart, a missed alarm). */
export async function notifyDue(d: CuecardDb = db()) {
  const open = await d.followups.where('status').equals('open').toArray();
  for (const f of owedNotifications(open, Date.now())) await notify(d, f);
}

export async function changeFollowUp(d: CuecardDb, id: string, change: Parameters<typeof applyChange>[1]): Promise<FollowUp | null> {
  const held = await d.followups.get(id);
  if (!held) throw new Error('That follow-up no longer exists (done or deleted elsewhere).');
  const next = applyChange(held, change, Date.now()) ?? null;
  if (next) await d.followups.put(next);
  else await d.followups.delete(id);
  await schedule(next ?? { ...held, status: 'done' });
  if (!next || !isDue(next, Date.now())) await browser.notifications.clear(PREFIX + id);
  pushToPanels({ type: 'followups.changed' });
  return next;
}

export function followUpHandlers(): HandlersFor<'followups.list' | 'followups.add' | 'followups.change'> {
  const d = db();
  return {
    'followups.list': async () => ({ followUps: await d.followups.toArray() }),
    'followups.add': async ({ draft }) => {
      const followUp: FollowUp = { id: crypto.randomUUID(), createdAt: Date.now(), status: 'open', ...draft };
      await d.followups.add(followUp);
      await schedule(followUp);
      pushToPanels({ type: 'followups.changed' });
      return { followUp };
    },
    'followups.change': async ({ id, change }) => ({ followUp: await changeFollowUp(d, id, change) }),
  };
}

/** Focus an open Options tab on its follow-up list, or open one. */
async function openFollowUpList() {
  const url = browser.runtime.getURL(OPTIONS_FOLLOWUPS);
  const [tab] = await browser.tabs.query({ url: browser.runtime.getURL('/options.html*') });
  if (tab?.id === undefined) return void (await browser.tabs.create({ url }));
  await browser.tabs.update(tab.id, { url, active: true });
  if (tab.windowId !== undefined) await browser.windows?.update(tab.windowId, { focused: true });
}

/** Alarms are kept across restarts, but not all browsers keep them across updates: re-create them. */
async function resync(d: CuecardDb = db()) {
  const all = await d.followups.toArray();
  const old = all.filter((f) => f.status === 'done' && (f.doneAt ?? 0) < Date.now() - KEEP_DONE_MS);
  await d.followups.bulkDelete(old.map((f) => f.id));
  for (const f of all) if (!old.includes(f)) await schedule(f);
  await notifyDue(d);
}

export function setupFollowUps() {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name.startsWith(PREFIX)) void notifyDue();
  });
  browser.notifications.onClicked.addListener((id) => {
    if (!id.startsWith(PREFIX)) return;
    void browser.notifications.clear(id);
    void openFollowUpList();
  });
  browser.notifications.onButtonClicked.addListener((id, button) => {
    if (!id.startsWith(PREFIX)) return;
    const change = button === 0 ? ({ action: 'done' } as const) : ({ action: 'snooze', minutes: SNOOZE_MINUTES } as const);
    void changeFollowUp(db(), id.slice(PREFIX.length), change).catch(() => browser.notifications.clear(id));
  });
  browser.runtime.onStartup.addListener(() => void resync());
  browser.runtime.onInstalled.addListener(() => void resync());
}
