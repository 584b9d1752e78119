// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'preact/test-utils';
import { EMPTY_VIEW, fakeApi, mountOptions, type Mounted } from './test-kit';

const KEY = btoa(String.fromCharCode(...new Uint8Array(32).fill(7)));
const KEY2 = btoa(String.fromCharCode(...new Uint8Array(32).fill(8)));
const URL_A = 'https://packs.example.com/a.json';
const URL_P = 'https://policy.example.com/p.json';

let ui: Mounted | undefined;
afterEach(() => ui?.unmount());

describe('SOP packs & trust', () => {
  it('refuses a URL that is not https inline, before asking the browser for anything', async () => {
    const fake = fakeApi();
    ui = await mountOptions(fake, '#packs');
    expect(ui.container.textContent).toContain('No pack subscriptions yet.');
    await ui.type('cc-sub-url', 'http://packs.example.com/a.json');
    await ui.click('cc-sub-add');
    expect(ui.$('cc-sub-url-error')!.textContent).toBe('“http://packs.example.com/a.json” must start with https:// (http:// only for localhost).');
    expect(ui.$<HTMLInputElement>('cc-sub-url')!.value).toBe('http://packs.example.com/a.json');
    expect(fake.log).toEqual(['load', 'subscriptions']);
  });

  it('subscribes, then shows the status and the reason a pack was refused', async () => {
    const fake = fakeApi();
    ui = await mountOptions(fake, '#packs');
    const subscribe = fake.api.subscriptions.subscribe;
    fake.api.subscriptions.subscribe = async (url, current) => {
      const r = await subscribe(url, current);
      const state = {
        url,
        status: 'refused' as const,
        failures: 1,
        nextAt: 0,
        lastError: { code: 'expired', message: 'This pack expired on 2026-01-01.', at: 0 },
      };
      return { ...r, view: { ...r.view, subscriptions: [{ url, source: 'agent' as const, hasAccess: true, state }] } };
    };
    await ui.type('cc-sub-url', `  ${URL_A} `);
    await ui.click('cc-sub-add');
    expect(fake.log).toContain(`request ${URL_A}`);
    const row = ui.$('cc-sub')!;
    expect(row.dataset).toMatchObject({ url: URL_A, status: 'refused' });
    const error = row.querySelector('[data-testid="cc-sub-error"]')!;
    expect(error.querySelector('strong')?.textContent).toBe('it has expired');
    expect(error.querySelector('small')?.textContent).toBe('This pack expired on 2026-01-01.');
    expect(fake.settings.subscriptions).toEqual([{ url: URL_A }]);
    await ui.click('cc-sub-check');
    expect(fake.log.at(-1)).toBe('check');
    expect(ui.$('cc-sub-status-line')!.textContent).toBe('Checked ✓');
  });

  it('shows what the administrator set read-only, offers access for it, and honours lockSettings', async () => {
    const fake = fakeApi({
      view: {
        ...EMPTY_VIEW,
        locked: true,
        allowUnsignedLocked: true,
        subscriptions: [{ url: URL_P, source: 'policy', hasAccess: false }],
        trustedKeys: [{ publicKey: KEY, keyId: '0123456789abcdef', source: 'policy', packIds: ['*'] }],
        problems: ['policy packUrls[1]: must start with https://'],
      },
    });
    ui = await mountOptions(fake, '#packs');
    const row = ui.$('cc-sub')!;
    expect(row.textContent).toContain('Set by your administrator');
    expect([...row.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Grant access']);
    expect(ui.$('cc-key')!.textContent).toContain('Set by your administrator');
    expect(ui.$('cc-key')!.querySelector('button')).toBeNull();
    expect(ui.$('cc-key-packs')!.textContent).toBe('May sign: any pack');
    expect(ui.$('cc-sub-url')).toBeNull();
    expect(ui.$('cc-key-input')).toBeNull();
    expect(ui.$<HTMLInputElement>('cc-allow-unsigned')!.disabled).toBe(true);
    expect(ui.$('cc-sub-locked')).not.toBeNull();
    expect(ui.container.textContent).toContain('Ignored administrator entries: policy packUrls[1]');
    await act(async () => row.querySelector('button')!.click());
    expect(fake.log.at(-1)).toBe(`request ${URL_P}`);
  });

  it('adds a trusted key only if it is one and names the pack ids it may sign, saying what is wrong in each field', async () => {
    const fake = fakeApi();
    ui = await mountOptions(fake, '#packs');
    await ui.type('cc-key-input', 'not a key');
    await ui.click('cc-key-add');
    expect(ui.$('cc-key-input-error')!.textContent).toBe(
      'This is not a public key: it must be the one line of base64 in KEY.pub (44 characters, ending in =).',
    );
    expect(ui.$('cc-key-pack-ids-error')!.textContent).toBe('Enter the pack ids this key may sign, e.g. acme.team-b or acme.*.');
    await ui.type('cc-key-input', KEY);
    await ui.type('cc-key-label', 'Team B lead');
    await ui.type('cc-key-pack-ids', '*');
    await ui.click('cc-key-add');
    expect(ui.$('cc-key-input-error')).toBeNull();
    expect(ui.$('cc-key-pack-ids-error')!.textContent).toMatch(/^"\*" \(any pack\) can only be set by your administrator/);
    await ui.type('cc-key-pack-ids', 'acme.team-b, Team B!, acme.*');
    await ui.click('cc-key-add');
    expect(ui.$('cc-key-pack-ids-error')!.textContent).toMatch(/: "Team", "B!"$/);
    // Nothing was sent while a field was wrong, and what was typed is still there.
    expect(fake.settings.trustedKeys).toEqual([]);
    expect(fake.log).toEqual(['load', 'subscriptions']);
    expect(ui.$<HTMLInputElement>('cc-key-label')!.value).toBe('Team B lead');
    await ui.type('cc-key-pack-ids', 'acme.team-b， acme.shared.*');
    await ui.click('cc-key-add');
    expect(fake.settings.trustedKeys).toEqual([{ publicKey: KEY, label: 'Team B lead', packIds: ['acme.team-b', 'acme.shared.*'] }]);
    expect(ui.$<HTMLInputElement>('cc-key-input')!.value).toBe('');
    expect(ui.$<HTMLInputElement>('cc-key-pack-ids')!.value).toBe('');
    // Adding the same key again replaces its pack ids instead of listing it twice.
    await ui.type('cc-key-input', KEY);
    await ui.type('cc-key-pack-ids', 'acme.team-c');
    await ui.click('cc-key-add');
    expect(fake.settings.trustedKeys).toEqual([{ publicKey: KEY, packIds: ['acme.team-c'] }]);
  });

  it("shows each key's pack ids, and warns about a key saved before keys had pack ids", async () => {
    ui = await mountOptions(
      fakeApi({
        view: {
          ...EMPTY_VIEW,
          trustedKeys: [
            { publicKey: KEY, keyId: '0123456789abcdef', source: 'agent', packIds: ['acme.team-b', 'acme.*'] },
            { publicKey: KEY2, keyId: 'fedcba9876543210', source: 'agent', packIds: [] },
          ],
        },
      }),
      '#packs',
    );
    const [bound, unbound] = [...ui.container.querySelectorAll<HTMLElement>('[data-testid="cc-key"]')];
    expect(bound!.querySelector('[data-testid="cc-key-packs"]')!.textContent).toBe('May sign: acme.team-b, acme.*');
    expect(bound!.querySelector('[data-testid="cc-key-unbound"]')).toBeNull();
    expect(unbound!.querySelector('[data-testid="cc-key-packs"]')).toBeNull();
    expect(unbound!.querySelector('[data-testid="cc-key-unbound"]')!.textContent).toMatch(/^Bound to no pack: every pack signed with this key is refused/);
  });

  it('lists the installed packs in the page language, with their source', async () => {
    ui = await mountOptions(fakeApi({ settings: { lang: 'zh-CN' } }), '#packs');
    expect(ui.$('cc-opt-packs')!.textContent).toBe('电信客服标准流程telecom.cs-sop第 1 版内置');
  });
});
