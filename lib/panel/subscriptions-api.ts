/** The options page's pack-subscription actions: browser permissions plus background messages. */
import { browser } from 'wxt/browser';
import { send } from '../messaging/client';
import type { SubscriptionsView } from '../packs/views';
import type { TrustedKeySetting } from '../packs/config-schema';
import type { Settings } from '../settings/schema';

export interface SubscriptionsApi {
  load(): Promise<SubscriptionsView>;
  /** Asks for access to the URL's site (must run from a click), saves it, and fetches it at once. */
  subscribe(url: string, current: Settings['subscriptions']): Promise<{ settings: Settings; view: SubscriptionsView }>;
  unsubscribe(url: string, current: Settings['subscriptions']): Promise<{ settings: Settings; view: SubscriptionsView }>;
  /** For a URL set by policy: ask for access to its site from a click. */
  grantAccess(url: string): Promise<SubscriptionsView>;
  checkNow(): Promise<SubscriptionsView>;
  saveKeys(keys: TrustedKeySetting[]): Promise<{ settings: Settings; view: SubscriptionsView }>;
  setAllowUnsigned(allow: boolean): Promise<{ settings: Settings; view: SubscriptionsView }>;
}

/** Match patterns ignore the port, so one grant covers the site's pack server on any port. */
export function originPattern(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}/*`;
}

async function requestAccess(url: string) {
  const origin = originPattern(url);
  if (!(await browser.permissions.request({ origins: [origin] }))) {
    throw new Error(`Access to ${origin} was not granted, so Cuecard cannot download packs from ${url}.`);
  }
}

export function createSubscriptionsApi(): SubscriptionsApi {
  const save = async (patch: Partial<Settings>) => (await send('settings.patch', { patch })).settings;
  const load = () => send('subscriptions.get', {});
  return {
    load,
    subscribe: async (url, current) => {
      await requestAccess(url);
      const settings = await save({ subscriptions: [...current.filter((s) => s.url !== url), { url }] });
      return { settings, view: await send('subscriptions.check', { url }) };
    },
    unsubscribe: async (url, current) => {
      const settings = await save({ subscriptions: current.filter((s) => s.url !== url) });
      // The packs it delivered stay installed: runs on them must be able to finish.
      return { settings, view: await load() };
    },
    grantAccess: async (url) => {
      await requestAccess(url);
      return send('subscriptions.check', { url });
    },
    checkNow: () => send('subscriptions.check', {}),
    saveKeys: async (trustedKeys) => ({ settings: await save({ trustedKeys }), view: await load() }),
    setAllowUnsigned: async (allowUnsigned) => ({ settings: await save({ allowUnsigned }), view: await load() }),
  };
}
