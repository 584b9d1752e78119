import { browser } from 'wxt/browser';

// Which frame of each tab last had a CRM field focused. Kept in session storage, not in
// memory: the service worker may be stopped between the focus and the insert.
const key = (tabId: number) => `focus:${tabId}`;

export async function rememberFocus(tabId: number, frameId: number) {
  await browser.storage.session.set({ [key(tabId)]: frameId });
}

export async function focusedFrame(tabId: number): Promise<number | undefined> {
  const got = await browser.storage.session.get(key(tabId));
  const frameId = got[key(tabId)];
  return typeof frameId === 'number' ? frameId : undefined;
}

/** A closed tab's entry would otherwise stay in session storage until the browser quits. */
export function setupFocus() {
  browser.tabs.onRemoved.addListener((tabId) => void browser.storage.session.remove(key(tabId)));
}
