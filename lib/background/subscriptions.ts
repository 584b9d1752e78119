/** Pack subscriptions: URLs checked on a schedule, and the options page's view of them. */
import * as repo from '../db/repo';
import type { HandlersFor } from '../messaging/server';
import { keyIdOf } from '../pack/sign';
import { checkSubscription } from '../distribution/check-url';
import { isDue, nextWake, type Trigger } from '../distribution/fetch-policy';
import type { SubscriptionsView } from '../distribution/views';
import type { PanelServiceDeps } from './deps';
import type { PackConfig } from './pack-config';
import { installVerdict, recordRefusal } from './pack-install';

export const ALARM = 'cuecard-packs';

/** An origin pattern for a URL: what `permissions.request` was asked for when it was added. */
const originOf = (url: string) => {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}/*`;
};

export function createSubscriptionsService({ db, browser, ports, config }: PanelServiceDeps & { config: Pick<PackConfig, 'effectiveConfig' | 'trustNow'> }) {
  // One check at a time: the alarm, a browser start and "Check now" may coincide, and two
  // overlapping checks of one URL would each think the other's release is a rollback.
  let chain: Promise<unknown> = Promise.resolve();

  /** Check the subscribed pack URLs that are due (all of them for `manual`, or just `only`). */
  function checkSubscriptions(trigger: Trigger, only?: string): Promise<void> {
    const next = chain.then(() => run(trigger, only));
    chain = next.catch(() => undefined);
    return next;
  }

  async function run(trigger: Trigger, only?: string) {
    const { config: effective, trust } = await config.trustNow();
    const urls = effective.subscriptions.map((s) => s.url);
    await repo.pruneSubscriptions(db, urls);
    const rows = new Map((await repo.getSubscriptions(db)).map((r) => [r.url, r]));
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
        held: (id) => repo.packReleases(db, id),
        install: async (verdict, from) => void (await installVerdict(db, config, verdict, 'url', from)),
      });
      rows.set(url, result.state);
      await repo.putSubscription(db, result.state);
      if (result.verdict?.kind === 'accept') changed = true;
      if (result.verdict?.kind === 'refuse') {
        await recordRefusal(db, url, result.verdict.code, result.verdict.message);
        changed = true;
      }
    }
    await scheduleWake([...rows.values()].filter((r) => urls.includes(r.url)));
    if (changed) ports.toPanels({ type: 'packs.changed' });
  }

  /** One alarm for the earliest due URL: a backoff of a minute needs no 30-minute tick. */
  async function scheduleWake(states: Parameters<typeof nextWake>[0]) {
    const when = nextWake(states, Date.now());
    if (when === undefined) await browser.alarms.clear(ALARM);
    else await browser.alarms.create(ALARM, { when });
  }

  async function view(): Promise<SubscriptionsView> {
    const effective = await config.effectiveConfig();
    const states = new Map((await repo.getSubscriptions(db)).map((s) => [s.url, s]));
    const subscriptions = await Promise.all(
      effective.subscriptions.map(async ({ url, source }) => ({
        url,
        source,
        state: states.get(url),
        hasAccess: await browser.permissions.contains({ origins: [originOf(url)] }).catch(() => false),
      })),
    );
    const trustedKeys = await Promise.all(effective.trustedKeys.map(async (k) => ({ ...k, keyId: await keyIdOf(k.publicKey) })));
    const { allowUnsigned, allowUnsignedLocked, locked, problems } = effective;
    return { subscriptions, trustedKeys, allowUnsigned, allowUnsignedLocked, locked, problems };
  }

  const handlers: HandlersFor<'subscriptions.get' | 'subscriptions.check'> = {
    'subscriptions.get': () => view(),
    'subscriptions.check': async ({ url }) => {
      await checkSubscriptions('manual', url);
      return view();
    },
  };

  return { checkSubscriptions, handlers };
}
