/**
 * The agent's runs (contacts): the panel's state on load, saves, deletes, history and the
 * contact each tab shows. Labels stay in the session (lib/session/labels.ts); the active
 * contact is per tab (lib/session/active-run.ts); lib/runs/store-run.ts does the work.
 */
import * as repo from '../db/repo';
import type { HandlersFor } from '../messaging/server';
import { activateRun, activeRunForTab, historyWithLabels, openRunsWithLabels, removeRun, storeRun } from '../runs/store-run';
import { forgetTab } from '../session/active-run';
import type { PanelServiceDeps } from './deps';
import type { FollowUpsService } from './followups';
import type { PacksService } from './packs';
import type { CoachingService } from './coaching';
import type { GuardsService } from './guards';
import { isPracticePage } from './practice';

type Deps = PanelServiceDeps & {
  packs: Pick<PacksService, 'ensureDefaultPack' | 'packsForState'>;
  /** Clears the alarms and notifications of follow-ups deleted with their run. */
  followUps: Pick<FollowUpsService, 'forgetFollowUps'>;
  /** A contact just stored as finished: counted for fading guidance (lib/background/coaching.ts). */
  coaching?: Pick<CoachingService, 'countRun'>;
  /** Re-evaluates guarded controls in the tabs showing a run (issue 13.1); optional for tests. */
  guards?: Pick<GuardsService, 'runChanged'>;
};
type Handled = 'state.load' | 'run.put' | 'run.delete' | 'run.owned' | 'run.activate' | 'runs.history';

export function createRunsService({ db, browser, ports, packs, followUps, coaching, guards }: Deps) {
  const session = browser.storage.session;

  const handlers: HandlersFor<Handled> = {
    'state.load': async (_p, sender) => {
      // The first panel may open before onInstalled has finished installing the default pack.
      if ((await db.packs.count()) === 0) await packs.ensureDefaultPack();
      if (isPracticePage(sender.tab?.url, browser.runtime.id)) {
        // The practice panel shows no real contact, and its own are never stored (issue 13.4).
        const [settings, { packs: list, meta }] = await Promise.all([repo.getSettings(db), packs.packsForState([])]);
        return { settings, packs: list, packMeta: meta, openRuns: [], activeRunId: null, practice: true };
      }
      const [settings, openRuns, activeRunId] = await Promise.all([
        repo.getSettings(db),
        openRunsWithLabels(db, session),
        activeRunForTab(db, session, sender.tab?.id),
      ]);
      const { packs: list, meta } = await packs.packsForState(openRuns);
      return { settings, packs: list, packMeta: meta, openRuns, activeRunId };
    },
    'run.put': async ({ run }, sender) => {
      // A practice contact is never real: not stored, so not in History, counts or reports.
      if (isPracticePage(sender.tab?.url, browser.runtime.id)) throw new Error('A practice contact is not stored.');
      const result = await storeRun(db, session, run); // the higher revision wins
      // Other panels hear of it only when it was stored: a losing write changes nothing there.
      if (result.saved) {
        ports.toPanels({ type: 'run.changed', run }, { tabId: sender.tab?.id, frameId: sender.frameId });
        void guards?.runChanged(run.id, sender.tab?.id).catch(() => undefined);
      }
      // Counting must not fail the save: the contact is stored, the counts are a nicety.
      if (result.saved && run.status === 'finished') await coaching?.countRun(run).catch(() => undefined);
      return result;
    },
    'run.delete': async ({ runId }) => {
      const owned = await removeRun(db, session, runId);
      await followUps.forgetFollowUps(owned);
      return { deleted: true, followUps: owned.length };
    },
    'run.owned': async ({ runId }) => ({ followUps: (await repo.followUpsOfRun(db, runId)).length }),
    'run.activate': async ({ runId }, sender) => {
      const activeRunId = await activateRun(db, session, sender.tab?.id, runId);
      void guards?.runChanged(null, sender.tab?.id).catch(() => undefined);
      return { activeRunId };
    },
    'runs.history': async ({ limit }) => ({ runs: await historyWithLabels(db, session, limit) }),
  };

  /** A closed tab's contact is forgotten (ids are not reused within a session, but memory is). */
  const forgetClosedTab = (tabId: number) => forgetTab(session, tabId);

  return { handlers, forgetClosedTab };
}
