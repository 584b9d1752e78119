/**
 * A fake OptionsApi (in-memory settings, a call log, failures on demand) and a mount helper
 * for the options components' tests. Test-only.
 */
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import type { PackMeta } from '@/lib/messaging/protocol';
import type { OptionsApi, WithView } from '@/lib/options/api';
import { OptionsError } from '@/lib/options/errors';
import type { SubscriptionsView } from '@/lib/distribution/views';
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '@/lib/settings/schema';
import { OptionsApp } from './OptionsApp';
import type { HubView } from '@/lib/hub-client/state';
import type { OutboxView } from '@/lib/hub-client/views';

export const EMPTY_VIEW: SubscriptionsView = {
  subscriptions: [],
  trustedKeys: [],
  allowUnsigned: false,
  allowUnsignedLocked: false,
  locked: false,
  problems: [],
};
export const BUNDLED: PackMeta = {
  id: 'telecom.cs-sop',
  version: 1,
  source: 'bundled',
  title: { 'zh-CN': '电信客服标准流程', en: 'Telecom customer service SOP' },
};

export function fakeApi(init: { settings?: Partial<Settings>; view?: SubscriptionsView; packs?: PackMeta[] } = {}) {
  const state = {
    settings: { ...DEFAULT_SETTINGS, lang: 'en', ...init.settings } as Settings,
    view: init.view ?? EMPTY_VIEW,
    packs: init.packs ?? [BUNDLED],
    log: [] as string[],
    failures: [] as Error[],
    denied: false,
    hub: { queued: 0, sent: 0, refused: 0, capacity: 5000, hasAccess: false } as HubView,
    outbox: [] as OutboxView[],
  };
  const step = async (entry: string) => {
    state.log.push(entry);
    const failure = state.failures.shift();
    if (failure) throw failure;
  };
  const save = async (patch: SettingsPatch) => {
    await step(`save ${JSON.stringify(patch)}`);
    return (state.settings = { ...state.settings, ...patch });
  };
  const withView = async (patch: SettingsPatch): Promise<WithView> => ({ settings: await save(patch), view: state.view });
  const request = async (origin: string) => {
    await step(`request ${origin}`);
    if (state.denied) throw new OptionsError('options.sites.denied', { origin });
  };
  const api: OptionsApi = {
    load: async () => (await step('load'), { settings: state.settings, packs: state.packs }),
    save,
    addSite: async (pattern, current) => (await request(pattern), save({ sites: [...current, pattern] })),
    removeSite: async (pattern, current) => save({ sites: current.filter((s) => s !== pattern) }),
    importPack: async (text) => (await step(`import ${text.length}`), BUNDLED),
    subscriptions: {
      load: async () => (await step('subscriptions'), state.view),
      subscribe: async (url, current) => {
        await request(url);
        state.view = { ...state.view, subscriptions: [...state.view.subscriptions, { url, source: 'agent', hasAccess: true }] };
        return withView({ subscriptions: [...current, { url }] });
      },
      unsubscribe: async (url, current) => withView({ subscriptions: current.filter((s) => s.url !== url) }),
      grantAccess: async (url) => (await request(url), state.view),
      checkNow: async () => (await step('check'), state.view),
      saveKeys: async (trustedKeys) => withView({ trustedKeys }),
      setAllowUnsigned: async (allowUnsigned) => withView({ allowUnsigned }),
    },
    followUps: { list: async () => (await step('followups'), []), change: async () => undefined },
    brokenAnchors: async () => (await step('anchors'), []),
    studio: { origin: async () => null, setOrigin: async (url: string | null) => (url ? new URL(url).origin : null) },
    hub: {
      load: async () => (await step('hub'), state.hub),
      enrol: async (url, token) => (await request(url), await step(`enrol ${url} ${token}`), state.hub),
      leave: async () => (await step('leave'), state.hub),
      sendNow: async () => (await step('send'), state.hub),
      grantAccess: async (url) => (await request(url), state.hub),
      outbox: async () => (await step('outbox'), state.outbox),
    },
    version: () => '9.9.9',
  };
  return Object.assign(state, { api });
}

export type Fake = ReturnType<typeof fakeApi>;

const flush = () => act(() => new Promise((r) => setTimeout(r, 0)));

/** Renders the options page at `hash`, with the fake API; returns query helpers. */
export async function mountOptions(fake: Fake, hash = '') {
  location.hash = hash;
  const container = document.body.appendChild(document.createElement('div'));
  await act(async () => render(h(OptionsApp, { api: fake.api }), container));
  await flush();
  await flush();
  const $ = <T extends HTMLElement = HTMLElement>(id: string) => container.querySelector<T>(`[data-testid="${id}"]`);
  const type = async (id: string, value: string) => {
    const el = $<HTMLInputElement>(id)!;
    await act(async () => {
      el.value = value;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
  };
  const click = async (id: string) => {
    await act(async () => $(id)!.click());
    await flush();
  };
  const unmount = () => (render(null, container), container.remove());
  return { container, $, type, click, flush, unmount };
}

export type Mounted = Awaited<ReturnType<typeof mountOptions>>;
