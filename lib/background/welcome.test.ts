import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { setupWelcome } from './welcome';
import { testBrowser } from './fake-browser';

// The fake browser starts with one blank tab (no url).
const tabs = async () => (await fakeBrowser.tabs.query({})).flatMap((t) => (t.url ? [t.url] : []));
/** onInstalled listeners run their work unawaited by trigger(); let it finish. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('first-run welcome', () => {
  beforeEach(() => fakeBrowser.reset());

  it('opens options.html#welcome on a new install', async () => {
    setupWelcome(testBrowser, async () => true);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    await settle();
    expect(await tabs()).toEqual(['chrome-extension://test-extension-id/options.html#welcome']);
  });

  it('opens nothing on an update or a browser update', async () => {
    setupWelcome(testBrowser, async () => true);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.9', temporary: false });
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'browser_update', temporary: false });
    await settle();
    expect(await tabs()).toEqual([]);
  });

  it('does not welcome again an agent whose data is already there (an unpacked build loaded at each start)', async () => {
    setupWelcome(testBrowser, async () => false);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    await settle();
    expect(await tabs()).toEqual([]);
  });

  it('welcomes when the stored settings cannot be read: better once too often than a lost first run', async () => {
    setupWelcome(testBrowser, () => Promise.reject(new Error('UnknownError')));
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    await settle();
    expect(await tabs()).toHaveLength(1);
  });
});
