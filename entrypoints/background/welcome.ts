import { browser } from 'wxt/browser';

/** The first-run welcome page (components/options/Welcome.tsx): profile, CRM site, pack. */
export const WELCOME_PAGE = '/options.html#welcome';

/** A new install opens the welcome once; updates and browser updates open nothing. */
export function setupWelcome() {
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PAGE) });
  });
}
