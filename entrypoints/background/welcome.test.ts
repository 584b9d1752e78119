import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { setupWelcome } from './welcome';

// The fake browser starts with one blank tab (no url).
const tabs = async () => (await fakeBrowser.tabs.query({})).flatMap((t) => (t.url ? [t.url] : []));

describe('first-run welcome', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    setupWelcome();
  });

  it('opens options.html#welcome on a new install', async () => {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    expect(await tabs()).toEqual(['chrome-extension://test-extension-id/options.html#welcome']);
  });

  it('opens nothing on an update or a browser update', async () => {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.9', temporary: false });
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'browser_update', temporary: false });
    expect(await tabs()).toEqual([]);
  });
});
