// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { fakeApi, mountOptions, type Mounted } from './test-kit';

let ui: Mounted | undefined;
afterEach(() => ui?.unmount());

describe('CRM sites', () => {
  it('shows the empty state, refuses a bad pattern inline before asking the browser, and keeps the text', async () => {
    const fake = fakeApi();
    ui = await mountOptions(fake, '#sites');
    expect(ui.$('cc-opt-sites-empty')!.textContent).toContain('No CRM sites yet');
    await ui.type('cc-opt-site', 'crm.example.com');
    await ui.click('cc-opt-site-add');
    expect(ui.$('cc-opt-site-error')!.textContent).toBe(
      '“crm.example.com” is not a site address Cuecard can use: write it like https://crm.example.com/* (http or https, the host, then / and a path).',
    );
    expect(ui.$<HTMLInputElement>('cc-opt-site')!.value).toBe('crm.example.com');
    expect(fake.log.filter((l) => l !== 'load')).toEqual([]);
    // Typing again clears the error: it described the old text.
    await ui.type('cc-opt-site', 'https://crm.example.com/');
    expect(ui.$('cc-opt-site-error')).toBeNull();
  });

  it('says when the browser refused access, keeping the text; adds and removes a granted site', async () => {
    const fake = fakeApi();
    ui = await mountOptions(fake, '#sites');
    fake.denied = true;
    await ui.type('cc-opt-site', 'https://crm.example.com/*');
    await ui.click('cc-opt-site-add');
    expect(ui.$('cc-opt-site-error')!.textContent).toBe(
      'The browser did not grant access to https://crm.example.com/*, so Cuecard cannot show its panel there.',
    );
    expect(ui.$<HTMLInputElement>('cc-opt-site')!.value).toBe('https://crm.example.com/*');
    fake.denied = false;
    await ui.click('cc-opt-site-add');
    expect(ui.$<HTMLInputElement>('cc-opt-site')!.value).toBe('');
    expect(ui.$('cc-opt-site-row')!.dataset.site).toBe('https://crm.example.com/*');
    await ui.type('cc-opt-site', 'https://crm.example.com/*');
    await ui.click('cc-opt-site-add');
    expect(ui.$('cc-opt-site-error')!.textContent).toBe('https://crm.example.com/* is already in the list.');
    const remove = ui.$('cc-opt-site-row')!.querySelector('button')!;
    expect(remove.getAttribute('aria-label')).toBe('Remove https://crm.example.com/*');
    remove.click();
    await ui.flush();
    expect(fake.settings.sites).toEqual([]);
    expect(ui.$('cc-opt-sites-empty')).not.toBeNull();
  });
});
