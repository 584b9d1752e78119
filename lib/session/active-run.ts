/**
 * The contact each tab's panel shows. Switching contact in one tab must not switch another
 * tab's panel, so the choice is kept per tab in chrome.storage.session (it survives the
 * service worker stopping, not the browser closing) and dropped when the tab closes. A tab
 * with no choice yet opens on the agent's most recent contact (settings.activeRunId, kept in
 * Dexie so it survives restarts). The background's runs service forgets a tab's choice when
 * the tab closes (lib/background/runs.ts).
 */
import type { SessionArea } from './area';

const PREFIX = 'activeRun:';
const keyOf = (tabId: number) => PREFIX + tabId;

/** The tab's contact; `recent` when the tab has not chosen yet (or is no tab). `null`: the picker. */
export async function activeRunOf(area: SessionArea, tabId: number | undefined, recent: string | null | undefined): Promise<string | null> {
  if (tabId === undefined) return recent ?? null;
  const held = (await area.get(keyOf(tabId)))[keyOf(tabId)];
  if (typeof held === 'string') return held || null;
  return recent ?? null;
}

export async function setActiveRun(area: SessionArea, tabId: number | undefined, runId: string | null): Promise<void> {
  // '' for the picker: storage areas do not all keep a null.
  if (tabId !== undefined) await area.set({ [keyOf(tabId)]: runId ?? '' });
}

export async function forgetTab(area: SessionArea, tabId: number): Promise<void> {
  await area.remove(keyOf(tabId));
}
