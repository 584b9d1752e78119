/**
 * Follow-ups: stored here (the one IndexedDB owner), one chrome.alarms alarm per open
 * follow-up, and a system notification when it falls due — alarms wake the service worker,
 * so this works with no CRM tab open. Clicking the notification opens Options → Follow-ups.
 */
import * as repo from '../db/repo';
import { applyChange, isDue, owedNotifications } from '../followups/due';
import type { FollowUp } from '../followups/schema';
import { resolveLang, translate } from '../i18n/translate';
import { notificationText } from '../followups/notify-text';
import { scrubPersonal } from '../context/mask';
import type { HandlersFor } from '../messaging/server';
import type { PanelServiceDeps } from './deps';

export const FOLLOWUP_PREFIX = 'followup:';
const PREFIX = FOLLOWUP_PREFIX;
export const SNOOZE_MINUTES = 10;
/** Done follow-ups are kept this long for the options list, then swept. */
const KEEP_DONE_MS = 14 * 24 * 3600_000;

export const OPTIONS_FOLLOWUPS = '/options.html#followups';

export function createFollowUpsService({ db, browser, ports }: PanelServiceDeps) {
  async function schedule(f: FollowUp) {
    const name = PREFIX + f.id;
    if (f.status !== 'open' || f.notifiedAt !== undefined) return void (await browser.alarms.clear(name));
    await browser.alarms.create(name, { when: Math.max(f.dueAt, Date.now() + 500) });
  }

  async function notify(f: FollowUp) {
    const settings = await repo.getSettings(db);
    const lang = resolveLang(settings.lang, globalThis.navigator?.language);
    // Only procedure and step titles are read from it: the newest installed release names them.
    const releases = f.origin?.packId ? await repo.packReleases(db, f.origin.packId) : [];
    const pack = releases.reduce<(typeof releases)[number] | undefined>((a, b) => (!a || b.version > a.version ? b : a), undefined)?.pack;
    await browser.notifications.create(PREFIX + f.id, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: translate(lang, 'followup.notifyTitle'),
      message: notificationText(f, pack, lang), // never the title: it may name the customer
      buttons: [{ title: translate(lang, 'followup.done') }, { title: translate(lang, 'followup.snooze', { minutes: SNOOZE_MINUTES }) }],
      // Stays until the agent acts: a promised call-back must not slide away unseen.
      requireInteraction: true,
      priority: 2,
    });
    await db.followups.put({ ...f, notifiedAt: Date.now() });
    ports.toPanels({ type: 'followups.changed' });
  }

  /** Notify every follow-up that is due and not yet notified (after an alarm, a restart, a missed alarm). */
  async function notifyDue() {
    const open = await db.followups.where('status').equals('open').toArray();
    for (const f of owedNotifications(open, Date.now())) await notify(f);
  }

  async function changeFollowUp(id: string, change: Parameters<typeof applyChange>[1]): Promise<FollowUp | null> {
    const held = await db.followups.get(id);
    if (!held) throw new Error('That follow-up no longer exists (done or deleted elsewhere).');
    const next = applyChange(held, change, Date.now()) ?? null;
    if (next) await db.followups.put(next);
    else await db.followups.delete(id);
    await schedule(next ?? { ...held, status: 'done' });
    if (!next || !isDue(next, Date.now())) await browser.notifications.clear(PREFIX + id);
    ports.toPanels({ type: 'followups.changed' });
    return next;
  }

  /** Follow-ups deleted with their run: no alarm or notification may outlive them. */
  async function forgetFollowUps(ids: string[]) {
    for (const id of ids) await Promise.all([browser.alarms.clear(PREFIX + id), browser.notifications.clear(PREFIX + id)]);
    if (ids.length) ports.toPanels({ type: 'followups.changed' });
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
  async function resync() {
    const all = await db.followups.toArray();
    const old = all.filter((f) => f.status === 'done' && (f.doneAt ?? 0) < Date.now() - KEEP_DONE_MS);
    await db.followups.bulkDelete(old.map((f) => f.id));
    for (const f of all) if (!old.includes(f)) await schedule(f);
    await notifyDue();
  }

  const handlers: HandlersFor<'followups.list' | 'followups.add' | 'followups.change'> = {
    'followups.list': async () => ({ followUps: await db.followups.toArray() }),
    'followups.add': async ({ draft }) => {
      const followUp: FollowUp = { id: crypto.randomUUID(), createdAt: Date.now(), status: 'open', ...draft, title: scrubPersonal(draft.title) };
      await db.followups.add(followUp);
      await schedule(followUp);
      ports.toPanels({ type: 'followups.changed' });
      return { followUp };
    },
    'followups.change': async ({ id, change }) => ({ followUp: await changeFollowUp(id, change) }),
  };

  return { handlers, notifyDue, changeFollowUp, forgetFollowUps, openFollowUpList, resync };
}

export type FollowUpsService = ReturnType<typeof createFollowUpsService>;
