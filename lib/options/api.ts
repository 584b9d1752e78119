/**
 * The options page's one way to the background and the browser: settings, sites, packs,
 * subscriptions, trust, follow-ups and broken anchors. Components get it as a prop, so tests
 * pass a fake. Every background call goes through the typed `send`; host access through
 * `browser.permissions`, which Chrome grants only while handling a click.
 */
import { browser } from 'wxt/browser';
import type { BrokenAnchor } from '../context/broken-anchors';
import type { FollowUp, FollowUpChange } from '../followups/schema';
import { send } from '../messaging/client';
import type { PackMeta } from '../messaging/protocol';
import { MAX_SIGNED_PACK_CHARS } from '../pack/sign';
import type { TrustedKeySetting } from '../distribution/config-schema';
import type { SubscriptionsView } from '../distribution/views';
import type { Settings, SettingsPatch } from '../settings/schema';
import { OptionsError } from './errors';
import type { HubView } from '../hub-client/state';
import type { OutboxView } from '../hub-client/views';

export type WithView = { settings: Settings; view: SubscriptionsView };

export interface OptionsApi {
  load(): Promise<{ settings: Settings; packs: PackMeta[] }>;
  save(patch: SettingsPatch): Promise<Settings>;
  /** Asks for the host permission (must run from a click), then enables the site. */
  addSite(pattern: string, current: string[]): Promise<Settings>;
  removeSite(pattern: string, current: string[]): Promise<Settings>;
  importPack(text: string): Promise<PackMeta>;
  subscriptions: {
    load(): Promise<SubscriptionsView>;
    /** Asks for access to the URL's site (from a click), saves it, and fetches it at once. */
    subscribe(url: string, current: Settings['subscriptions']): Promise<WithView>;
    unsubscribe(url: string, current: Settings['subscriptions']): Promise<WithView>;
    /** For a URL set by policy: ask for access to its site from a click. */
    grantAccess(url: string): Promise<SubscriptionsView>;
    checkNow(): Promise<SubscriptionsView>;
    saveKeys(keys: TrustedKeySetting[]): Promise<WithView>;
    setAllowUnsigned(allow: boolean): Promise<WithView>;
  };
  followUps: {
    list(): Promise<FollowUp[]>;
    change(id: string, change: FollowUpChange): Promise<void>;
  };
  brokenAnchors(): Promise<BrokenAnchor[]>;
  /** The team hub (issue 11): membership and what was reported. */
  hub: {
    load(): Promise<HubView>;
    /** Asks for access to the hub's site (from a click), then enrols with the profile's agent ID. */
    enrol(url: string, token: string): Promise<HubView>;
    leave(): Promise<HubView>;
    sendNow(): Promise<HubView>;
    /** For a hub set by policy: ask for access to its site from a click. */
    grantAccess(url: string): Promise<HubView>;
    outbox(): Promise<OutboxView[]>;
  };
  /** The Studio address (issue 12): the one origin whose Studio page may ask for picks and snapshots. */
  studio: {
    origin(): Promise<string | null>;
    /** Asks for access to the address's site (from a click), then allows it; null removes it. */
    setOrigin(url: string | null): Promise<string | null>;
  };
  /** The extension's version, for About. */
  version(): string;
}

/** Match patterns ignore the port, so one grant covers the site's pack server on any port. */
export function originPattern(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}/*`;
}

export function createOptionsApi(): OptionsApi {
  const save = async (patch: SettingsPatch) => (await send('settings.patch', { patch })).settings;
  const loadView = () => send('subscriptions.get', {});
  const requestPackAccess = async (url: string) => {
    const origin = originPattern(url);
    if (!(await browser.permissions.request({ origins: [origin] }))) throw new OptionsError('options.subs.denied', { origin, url });
  };
  return {
    load: async () => {
      const s = await send('state.load', {});
      return { settings: s.settings, packs: s.packMeta };
    },
    save,
    addSite: async (pattern, current) => {
      if (!(await browser.permissions.request({ origins: [pattern] }))) throw new OptionsError('options.sites.denied', { origin: pattern });
      return save({ sites: [...new Set([...current, pattern])] });
    },
    removeSite: async (pattern, current) => {
      const settings = await save({ sites: current.filter((s) => s !== pattern) });
      await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
      return settings;
    },
    importPack: async (text) => {
      // Past the message size limit the background would only say "Invalid length": say it here.
      if (text.length > MAX_SIGNED_PACK_CHARS) throw new OptionsError('options.packs.tooLarge', { size: (text.length / 1024 / 1024).toFixed(1) });
      return (await send('pack.import', { text })).installed;
    },
    subscriptions: {
      load: loadView,
      subscribe: async (url, current) => {
        await requestPackAccess(url);
        const settings = await save({ subscriptions: [...current.filter((s) => s.url !== url), { url }] });
        return { settings, view: await send('subscriptions.check', { url }) };
      },
      // The packs it delivered stay installed: runs on them must be able to finish.
      unsubscribe: async (url, current) => ({ settings: await save({ subscriptions: current.filter((s) => s.url !== url) }), view: await loadView() }),
      grantAccess: async (url) => {
        await requestPackAccess(url);
        return send('subscriptions.check', { url });
      },
      checkNow: () => send('subscriptions.check', {}),
      saveKeys: async (trustedKeys) => ({ settings: await save({ trustedKeys }), view: await loadView() }),
      setAllowUnsigned: async (allowUnsigned) => ({ settings: await save({ allowUnsigned }), view: await loadView() }),
    },
    followUps: {
      list: async () => (await send('followups.list', {})).followUps,
      change: async (id, change) => void (await send('followups.change', { id, change })),
    },
    brokenAnchors: async () => (await send('anchors.broken', {})).anchors,
    studio: {
      origin: async () => (await send('studio.origin', {})).origin,
      setOrigin: async (url) => {
        if (url) {
          const origin = originPattern(url);
          if (!(await browser.permissions.request({ origins: [origin] }))) throw new OptionsError('options.studio.denied', { origin });
        }
        return (await send('studio.setOrigin', { origin: url })).origin;
      },
    },
    hub: {
      load: () => send('hub.get', {}),
      enrol: async (url, token) => {
        // The address is checked in the background; only a parseable one can be asked for.
        if (URL.canParse(url)) await requestPackAccess(url);
        return send('hub.enrol', { url, token });
      },
      leave: () => send('hub.leave', {}),
      sendNow: () => send('hub.send', {}),
      grantAccess: async (url) => {
        await requestPackAccess(url);
        return send('hub.send', {});
      },
      outbox: async () => (await send('hub.outbox', {})).rows,
    },
    version: () => browser.runtime.getManifest().version,
  };
}
