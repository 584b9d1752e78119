// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import type { SubscriptionsView } from '@/lib/packs/views';
import type { SubscriptionsApi } from '@/lib/panel/subscriptions-api';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings/schema';
import { optionsStrings } from './strings';
import { SubscriptionsSection } from './SubscriptionsSection';

const KEY = btoa(String.fromCharCode(...new Uint8Array(32).fill(7)));
const KEY2 = btoa(String.fromCharCode(...new Uint8Array(32).fill(8)));
/** What each saveKeys call was given. */
const saved: unknown[] = [];
const URL_A = 'https://packs.example.com/a.json';
const URL_P = 'https://policy.example.com/p.json';
const base: SubscriptionsView = { subscriptions: [], trustedKeys: [], allowUnsigned: false, allowUnsignedLocked: false, locked: false, problems: [] };

const containers: HTMLElement[] = [];
afterEach(() => containers.splice(0).forEach((c) => (render(null, c), c.remove())));

async function mount(view: SubscriptionsView) {
  let settings: Settings = { ...DEFAULT_SETTINGS };
  let current = view;
  const log: string[] = [];
  const errors: string[] = [];
  const withView = (s: Partial<Settings>) => ({ settings: (settings = { ...settings, ...s }), view: current });
  const api: SubscriptionsApi = {
    load: async () => current,
    subscribe: async (url, subs) => {
      log.push(`subscribe ${url}`);
      current = { ...current, subscriptions: [...current.subscriptions, { url, source: 'agent', hasAccess: true, state: { url, status: 'refused', failures: 1, nextAt: 0, lastError: { code: 'expired', message: 'This pack expired on 2026-01-01.', at: 0 } } }] };
      return withView({ subscriptions: [...subs, { url }] });
    },
    unsubscribe: async (url) => (log.push(`unsubscribe ${url}`), withView({})),
    grantAccess: async (url) => (log.push(`grant ${url}`), current),
    checkNow: async () => (log.push('check'), current),
    saveKeys: async (keys) => (saved.push(keys), log.push(`keys ${keys.map((k) => k.label ?? '-').join(',')}`), withView({ trustedKeys: keys })),
    setAllowUnsigned: async (allow) => (log.push(`unsigned ${allow}`), withView({ allowUnsigned: allow })),
  };
  const tr = (k: keyof (typeof optionsStrings)['en']) => optionsStrings.en[k];
  const run = async (work: () => Promise<Settings | void>) => {
    try {
      await work();
    } catch (e) {
      errors.push((e as Error).message);
    }
  };
  const container = document.createElement('div');
  document.body.append(container);
  containers.push(container);
  await act(async () => render(h(SubscriptionsSection, { settings, run, tr, api }), container));
  await act(() => new Promise((r) => setTimeout(r, 0)));
  const $ = (id: string) => container.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const type = async (id: string, value: string) => {
    const el = $(id) as HTMLInputElement;
    await act(async () => {
      el.value = value;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
  };
  const click = async (id: string) => {
    await act(async () => $(id)!.click());
    await act(() => new Promise((r) => setTimeout(r, 0)));
  };
  return { $, type, click, log, errors, container };
}

describe('SubscriptionsSection', () => {
  it('refuses a URL that is not https before asking the browser for anything', async () => {
    const ui = await mount(base);
    await ui.type('cc-sub-url', 'http://packs.example.com/a.json');
    await ui.click('cc-sub-add');
    expect(ui.errors).toEqual(['"http://packs.example.com/a.json" must start with https:// (http:// only for localhost).']);
    expect(ui.log).toEqual([]);
  });

  it('subscribes, then shows the status and the reason a pack was refused', async () => {
    const ui = await mount(base);
    await ui.type('cc-sub-url', `  ${URL_A} `);
    await ui.click('cc-sub-add');
    expect(ui.log).toEqual([`subscribe ${URL_A}`]);
    const row = ui.$('cc-sub')!;
    expect(row.dataset).toMatchObject({ url: URL_A, status: 'refused' });
    const error = row.querySelector('[data-testid="cc-sub-error"]')!;
    expect(error.querySelector('strong')?.textContent).toBe('it has expired');
    expect(error.querySelector('small')?.textContent).toBe('This pack expired on 2026-01-01.');
    await ui.click('cc-sub-check');
    expect(ui.log.at(-1)).toBe('check');
  });

  it('shows policy entries read-only, offers access for them, and honours lockSettings', async () => {
    const ui = await mount({
      ...base,
      locked: true,
      allowUnsignedLocked: true,
      subscriptions: [{ url: URL_P, source: 'policy', hasAccess: false }],
      trustedKeys: [{ publicKey: KEY, keyId: '0123456789abcdef', source: 'policy', packIds: ['*'] }],
      problems: ['policy packUrls[1]: must start with https://'],
    });
    const row = ui.$('cc-sub')!;
    expect(row.textContent).toContain('set by your organisation');
    expect([...row.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Grant access']);
    expect(ui.$('cc-sub-url')).toBeNull();
    expect(ui.$('cc-key-input')).toBeNull();
    expect((ui.$('cc-allow-unsigned') as HTMLInputElement).disabled).toBe(true);
    expect(ui.$('cc-sub-locked')).not.toBeNull();
    expect(ui.container.textContent).toContain('Ignored policy entries: policy packUrls[1]');
    expect(ui.$('cc-key-packs')?.textContent).toBe('may sign: any pack');
    await act(async () => row.querySelector('button')!.click());
    expect(ui.log).toEqual([`grant ${URL_P}`]);
  });

  it('adds a trusted key only if it is one and names the pack ids it may sign, saying what is wrong otherwise', async () => {
    const ui = await mount(base);
    await ui.type('cc-key-input', 'not a key');
    await ui.type('cc-key-pack-ids', 'acme.team-b');
    await ui.click('cc-key-add');
    expect(ui.errors.at(-1)).toMatch(/public key \(base64, from KEY\.pub\): must be a public key/);
    await ui.type('cc-key-input', KEY);
    await ui.type('cc-key-label', 'Team B lead');
    await ui.type('cc-key-pack-ids', '');
    await ui.click('cc-key-add');
    expect(ui.errors.at(-1)).toBe('Enter the pack ids this key may sign, e.g. acme.team-b or acme.*.');
    await ui.type('cc-key-pack-ids', '*');
    await ui.click('cc-key-add');
    expect(ui.errors.at(-1)).toMatch(/^"\*" \(any pack\) can only be set by your organisation/);
    await ui.type('cc-key-pack-ids', 'acme.team-b, Team B!, acme.*');
    await ui.click('cc-key-add');
    expect(ui.errors.at(-1)).toMatch(/^These are not pack ids .*: "Team", "B!"$/);
    expect(ui.log).toEqual([]);
    await ui.type('cc-key-pack-ids', 'acme.team-b， acme.shared.*');
    await ui.click('cc-key-add');
    expect(ui.log).toEqual(['keys Team B lead']);
    expect(saved.at(-1)).toEqual([{ publicKey: KEY, label: 'Team B lead', packIds: ['acme.team-b', 'acme.shared.*'] }]);
  });

  it('shows each key\'s pack ids, and warns about a key saved before keys had pack ids', async () => {
    const ui = await mount({
      ...base,
      trustedKeys: [
        { publicKey: KEY, keyId: '0123456789abcdef', source: 'agent', packIds: ['acme.team-b', 'acme.*'] },
        { publicKey: KEY2, keyId: 'fedcba9876543210', source: 'agent', packIds: [] },
      ],
    });
    expect(ui.$('cc-key-packs')?.textContent).toBe('may sign: acme.team-b, acme.*');
    expect(ui.$('cc-key-unbound')?.textContent).toMatch(/^Bound to no pack: every pack signed with this key is refused/);
  });
});
