// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'preact/test-utils';
import { fakeApi, mountOptions, type Mounted } from './test-kit';

let ui: Mounted | undefined;
afterEach(() => ui?.unmount());

describe('profile form', () => {
  it('names the field that is too long, saves nothing, and keeps what was typed', async () => {
    const fake = fakeApi();
    ui = await mountOptions(fake, '#profile');
    await ui.type('cc-opt-company', '中国电信');
    await ui.type('cc-opt-agentId', '1'.repeat(41));
    await ui.click('cc-opt-profile-save');
    expect(ui.$('cc-opt-agentId-error')!.textContent).toBe('Too long: at most 40 characters (this has 41).');
    expect(ui.$('cc-opt-agentId')!.getAttribute('aria-invalid')).toBe('true');
    expect(ui.$('cc-opt-agentId')!.getAttribute('aria-describedby')).toBe('cc-opt-agentId-help cc-opt-agentId-error');
    expect(ui.$('cc-opt-company-error')).toBeNull();
    expect(fake.log.filter((l) => l.startsWith('save'))).toEqual([]);
    expect(ui.$<HTMLInputElement>('cc-opt-company')!.value).toBe('中国电信');
  });

  it('keeps an unsaved draft while the agent looks at another section', async () => {
    const fake = fakeApi();
    ui = await mountOptions(fake, '#profile');
    await ui.type('cc-opt-agentId', '10086');
    await ui.click('cc-opt-nav-sites');
    await act(async () => void window.dispatchEvent(new HashChangeEvent('hashchange')));
    expect(ui.$('cc-opt-section-profile')!.hidden).toBe(true);
    await ui.click('cc-opt-nav-profile');
    await act(async () => void window.dispatchEvent(new HashChangeEvent('hashchange')));
    expect(ui.$('cc-opt-section-profile')!.hidden).toBe(false);
    expect(ui.$<HTMLInputElement>('cc-opt-agentId')!.value).toBe('10086');
  });

  it('when the background fails: says so with Retry, keeps the draft, and Retry saves it', async () => {
    const fake = fakeApi();
    ui = await mountOptions(fake, '#profile');
    await ui.type('cc-opt-company', ' 中国电信 ');
    await ui.type('cc-opt-agentId', '10086');
    fake.failures.push(new Error("Cuecard's background did not answer (Could not establish connection)."));
    await ui.click('cc-opt-profile-save');
    expect(ui.$('cc-opt-profile-status-error')!.textContent).toContain(
      "Not saved: Cuecard's background did not answer (Could not establish connection). Nothing you typed was lost",
    );
    expect(ui.$<HTMLInputElement>('cc-opt-agentId')!.value).toBe('10086');
    await ui.click('cc-opt-profile-status-retry');
    expect(ui.$('cc-opt-profile-status')!.textContent).toBe('Saved ✓');
    expect(fake.settings.profile).toEqual({ company: '中国电信', agentId: '10086', name: '' });
  });
});
