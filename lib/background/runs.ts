/** The agent's runs (contacts): the panel's state on load, saves, deletes and history. */
import * as repo from '../db/repo';
import type { HandlersFor } from '../messaging/server';
import type { PanelServiceDeps } from './deps';
import type { PacksService } from './packs';

type Deps = Omit<PanelServiceDeps, 'browser'> & {
  packs: Pick<PacksService, 'ensureDefaultPack' | 'packsForState'>;
  /** Drops what other stores keep for a run (its masked page values). */
  forgetKept: (runId: string) => Promise<void>;
};

export function createRunsService({ db, ports, packs, forgetKept }: Deps): HandlersFor<'state.load' | 'run.put' | 'run.delete' | 'runs.history'> {
  return {
    'state.load': async () => {
      // The first panel may open before onInstalled has finished installing the default pack.
      if ((await db.packs.count()) === 0) await packs.ensureDefaultPack();
      const [settings, openRuns] = await Promise.all([repo.getSettings(db), repo.openRuns(db)]);
      const { packs: list, meta } = await packs.packsForState(openRuns);
      return { settings, packs: list, packMeta: meta, openRuns };
    },
    'run.put': async ({ run }, sender) => {
      await repo.putRun(db, run);
      ports.toPanels({ type: 'run.changed', run }, { tabId: sender.tab?.id, frameId: sender.frameId });
      return { saved: true, run };
    },
    'run.delete': async ({ runId }) => {
      await db.runs.delete(runId);
      await forgetKept(runId);
      return { deleted: true };
    },
    'runs.history': async ({ limit }) => ({ runs: await repo.finishedRuns(db, limit) }),
  };
}
