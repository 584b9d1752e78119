import { browser } from 'wxt/browser';
import * as repo from '@/lib/db/repo';
import { db } from '@/lib/db/schema';
import type { HandlersFor } from '@/lib/messaging/server';
import { keyIdOf } from '@/lib/pack/sign';
import type { SubscriptionsView } from '@/lib/packs/views';
import { effectiveConfig } from './pack-config';
import { ALARM, checkSubscriptions } from './pack-fetch';

/** An origin pattern for a URL: what `permissions.request` was asked for when it was added. */
const originOf = (url: string) => {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}/*`;
};

async function view(): Promise<SubscriptionsView> {
  const d = db();
  const config = await effectiveConfig(d);
  const states = new Map((await repo.getSubscriptions(d)).map((s) => [s.url, s]));
  const subscriptions = await Promise.all(
    config.subscriptions.map(async ({ url, source }) => ({
      url,
      source,
      state: states.get(url),
      hasAccess: await browser.permissions.contains({ origins: [originOf(url)] }).catch(() => false),
    })),
  );
  const trustedKeys = await Promise.all(config.trustedKeys.map(async (k) => ({ ...k, keyId: await keyIdOf(k.publicKey) })));
  const { allowUnsigned, allowUnsignedLocked, locked, problems } = config;
  return { subscriptions, trustedKeys, allowUnsigned, allowUnsignedLocked, locked, problems };
}

export function subscriptionHandlers(): HandlersFor<'subscriptions.get' | 'subscriptions.check'> {
  return {
    'subscriptions.get': () => view(),
    'subscriptions.check': async ({ url }) => {
      await checkSubscriptions('manual', url);
      return view();
    },
  };
}

/** Packs are fetched on install, at each browser start, on the alarm, and when policy changes. */
export function setupSubscriptions() {
  browser.runtime.onInstalled.addListener(() => void checkSubscriptions('startup'));
  browser.runtime.onStartup.addListener(() => void checkSubscriptions('startup'));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) void checkSubscriptions('schedule');
  });
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') void checkSubscriptions('startup');
  });
}
