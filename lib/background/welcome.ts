/** The first-run welcome (components/options/Welcome.tsx): profile, CRM site, pack. */
import * as repo from '../db/repo';
import type { CuecardDb } from '../db/schema';
import type { ExtensionApi } from './deps';

export const WELCOME_PAGE = '/options.html#welcome';

/**
 * Nothing set up yet. Chromium reports 'install' again each time it starts with an unpacked
 * build (--load-extension, as `npm start` and the e2e suite do) over data the agent already has:
 * that agent is not welcomed again.
 */
export async function isNewAgent(db: CuecardDb): Promise<boolean> {
  const s = await repo.getSettings(db);
  return !s.profile.company && !s.profile.agentId && s.sites.length === 0;
}

/** A new install opens the welcome once; updates and browser updates open nothing. */
export function setupWelcome(browser: Pick<ExtensionApi, 'runtime' | 'tabs'>, newAgent: () => Promise<boolean>) {
  browser.runtime.onInstalled.addListener(async ({ reason }) => {
    if (reason !== 'install' || !(await newAgent().catch(() => true))) return;
    await browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PAGE) });
  });
}
