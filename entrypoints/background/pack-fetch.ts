import { browser } from 'wxt/browser';
import * as repo from '@/lib/db/repo';
import { db } from '@/lib/db/schema';
import { checkSubscription } from '@/lib/packs/check';
import { isDue, nextWake, type Trigger } from '@/lib/packs/fetch-policy';
import { pushToPanels } from './ports';
import { trustNow } from './pack-config';
import { installVerdict, recordRefusal } from './pack-install';

export const ALARM = 'cuecard-packs';

// One check at a time: the alarm, a browser start and "Check now" may coincide, and two
// overlapping checks of one URL would each think the other's release is a rollback.
let chain: Promise<unknown> = Promise.resolve();

/** Check the subscribed pack URLs that are due (all of them for `manual`, or just `only`). */
export function checkSubscriptions(trigger: Trigger, only?: string): Promise<void> {
  const next = chain.then(() => run(trigger, only));
  chain = next.catch(() => undefined);
  return next;
}

async function run(trigger: Trigger, only?: string) {
  const d = db();
  const { config, trust } = await trustNow(d);
  const urls = config.subscriptions.map((s) => s.url);
  await repo.pruneSubscriptions(d, urls);
  const rows = new Map((await repo.getSubscriptions(d)).map((r) => [r.url, r]));
  let changed = false;
  for (const url of urls) {
    const prev = rows.get(url);
    if ((only !== undefined && url !== only) || !isDue(prev, trigger, Date.now())) continue;
    const result = await checkSubscription(url, prev, {
      // Host access, where granted, lets the service worker read the response whatever
      // the server's CORS headers; without it only servers that allow CORS work.
      fetch: (u, init) => fetch(u, init),
      now: () => Date.now(),
      random: Math.random,
      trust,
      held: (id) => repo.packReleases(d, id),
      install: async (verdict, from) => void (await installVerdict(d, verdict, 'url', from)),
    });
    rows.set(url, result.state);
    await repo.putSubscription(d, result.state);
    if (result.verdict?.kind === 'accept') changed = true;
    if (result.verdict?.kind === 'refuse') {
      await recordRefusal(d, url, result.verdict.code, result.verdict.message);
      changed = true;
    }
  }
  await scheduleWake([...rows.values()].filter((r) => urls.includes(r.url)));
  if (changed) pushToPanels({ type: 'packs.changed' });
}

/** One alarm for the earliest due URL: a backoff of a minute needs no 30-minute tick. */
async function scheduleWake(states: Parameters<typeof nextWake>[0]) {
  const when = nextWake(states, Date.now());
  if (when === undefined) await browser.alarms.clear(ALARM);
  else await browser.alarms.create(ALARM, { when });
}
