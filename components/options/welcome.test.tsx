// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { EMPTY_VIEW, fakeApi, mountOptions, type Mounted } from './test-kit';

const KEY = btoa(String.fromCharCode(...new Uint8Array(32).fill(7)));
let ui: Mounted | undefined;
afterEach(() => ui?.unmount());

const outcome = (id: string) => ui!.$(`cc-welcome-step-${id}`)!.dataset.outcome;
const currentStep = () => document.querySelector('[aria-current="step"]')?.getAttribute('data-testid');

describe('first-run welcome', () => {
  it('takes a new agent through profile, CRM site and the bundled pack, then says what to do next', async () => {
    const fake = fakeApi();
    ui = await mountOptions(fake, '#welcome');
    expect(ui.$('cc-welcome-progress')!.textContent).toBe('Step 1 of 3');
    expect(currentStep()).toBe('cc-welcome-step-profile');
    expect(document.activeElement?.id).toBe('cc-welcome-step-title');
    await ui.type('cc-opt-company', 'China Telecom');
    await ui.type('cc-opt-agentId', '10086-0321');
    await ui.click('cc-opt-profile-save');
    expect(fake.settings.profile).toMatchObject({ company: 'China Telecom', agentId: '10086-0321' });
    expect(outcome('profile')).toBe('done');
    expect(ui.$('cc-welcome-progress')!.textContent).toBe('Step 2 of 3');

    // A bad address is refused where it was typed, and the browser is not asked.
    await ui.type('cc-opt-site', 'crm example');
    await ui.click('cc-opt-site-add');
    expect(ui.$('cc-opt-site-error')!.textContent).toContain('“crm example” is not a site address');
    await ui.type('cc-opt-site', 'https://crm.example.com/*');
    await ui.click('cc-opt-site-add');
    expect(fake.log).toContain('request https://crm.example.com/*');
    expect(ui.$('cc-opt-site-row')!.dataset.site).toBe('https://crm.example.com/*');
    await ui.click('cc-welcome-next');

    expect(ui.container.textContent).toContain('Telecom customer service SOP, installed and ready.');
    expect(ui.$<HTMLInputElement>('cc-welcome-bundled')!.checked).toBe(true);
    await ui.click('cc-welcome-next');
    expect(fake.settings.subscriptions).toEqual([]);
    expect(ui.$('cc-welcome-done')!.textContent).toContain('Open your CRM');
    expect(ui.$<HTMLAnchorElement>('cc-welcome-open-crm')!.href).toBe('https://crm.example.com/');
    expect(['profile', 'site', 'pack'].map(outcome)).toEqual(['done', 'done', 'done']);
    await ui.click('cc-welcome-settings');
    expect(location.hash).toBe('#profile');
    expect(ui.$('cc-opt-section-profile')).not.toBeNull();
  });

  it('lets every step be skipped, and Back returns to the one before', async () => {
    const fake = fakeApi();
    ui = await mountOptions(fake, '#welcome');
    await ui.click('cc-welcome-skip');
    expect(outcome('profile')).toBe('skipped');
    await ui.click('cc-welcome-back');
    expect(currentStep()).toBe('cc-welcome-step-profile');
    await ui.click('cc-welcome-skip');
    await ui.click('cc-welcome-skip');
    await ui.click('cc-welcome-skip');
    expect(['profile', 'site', 'pack'].map(outcome)).toEqual(['skipped', 'skipped', 'skipped']);
    expect(ui.$('cc-welcome-done')!.textContent).toContain('Add your CRM site in the settings');
    expect(fake.log.filter((l) => l.startsWith('save') || l.startsWith('request'))).toEqual([]);
  });

  it('passes over the pack step when the administrator set pack URLs, and says so', async () => {
    const view = { ...EMPTY_VIEW, subscriptions: [{ url: 'https://packs.corp.example/cs.json', source: 'policy' as const, hasAccess: true }] };
    ui = await mountOptions(fakeApi({ view }), '#welcome');
    expect(outcome('pack')).toBe('managed');
    expect(ui.$('cc-welcome-step-pack')!.textContent).toContain('set by your administrator');
    await ui.click('cc-welcome-skip');
    await ui.click('cc-welcome-skip');
    expect(ui.$('cc-welcome-done')).not.toBeNull();
    expect(ui.$('cc-welcome-managed')!.textContent).toBe('Your administrator already set your pack subscriptions (1), so there is nothing to choose here.');
    // Back from the end skips the managed step too.
    await ui.click('cc-welcome-back');
    expect(currentStep()).toBe('cc-welcome-step-site');
  });

  it("subscribes to the team's pack with its key, and stays on the step if the pack was refused", async () => {
    const fake = fakeApi();
    ui = await mountOptions(fake, '#welcome');
    await ui.click('cc-welcome-skip');
    await ui.click('cc-welcome-skip');
    await ui.click('cc-welcome-subscribe');
    await ui.type('cc-sub-url', 'ftp://packs.example.com/b.json');
    await ui.type('cc-key-input', 'nope');
    await ui.click('cc-welcome-next');
    expect(ui.$('cc-sub-url-error')!.textContent).toBe('“ftp://packs.example.com/b.json” must start with https:// (http:// only for localhost).');
    expect(ui.$('cc-key-input-error')!.textContent).toContain('This is not a public key');
    // A key must say which packs it may sign.
    expect(ui.$('cc-key-pack-ids-error')!.textContent).toBe('Enter the pack ids this key may sign, e.g. acme.team-b or acme.*.');
    expect(fake.log).toEqual(['load', 'subscriptions']);
    const check = fake.api.subscriptions.checkNow;
    let refused = true;
    fake.api.subscriptions.checkNow = async () => {
      const view = await check();
      const state = {
        url: view.subscriptions[0]!.url,
        status: 'refused' as const,
        failures: 1,
        nextAt: 0,
        lastError: { code: 'unknown-key', message: 'Signed by key 1234.', at: 0 },
      };
      return refused ? { ...view, subscriptions: [{ ...view.subscriptions[0]!, state }] } : view;
    };
    await ui.type('cc-sub-url', 'https://packs.example.com/b.json');
    await ui.type('cc-key-input', KEY);
    await ui.type('cc-key-pack-ids', 'acme.team-b');
    await ui.click('cc-welcome-next');
    expect(fake.settings.trustedKeys).toEqual([{ publicKey: KEY, packIds: ['acme.team-b'] }]);
    expect(fake.settings.subscriptions).toEqual([{ url: 'https://packs.example.com/b.json' }]);
    expect(ui.$('cc-sub-url-error')!.textContent).toBe('it is signed with a key that is not trusted here: Signed by key 1234.');
    expect(ui.$<HTMLInputElement>('cc-sub-url')!.value).toBe('https://packs.example.com/b.json');
    refused = false;
    await ui.click('cc-welcome-next');
    expect(ui.$('cc-welcome-done')).not.toBeNull();
    expect(outcome('pack')).toBe('done');
  });
});
