/**
 * Practice (issue 13.4), the background's side. The practice page is an extension page of
 * ours: its panel's contacts are never stored as runs (the panel keeps them in memory), so
 * they are not in History, not counted for fading guidance and never reported. A completed
 * release drill acknowledges the release's changed wording of that procedure, once the
 * background has checked the drill run it kept (drill runs only, in session storage).
 */
import * as repo from '../db/repo';
import { ackedMap, ackRows, changedPhrases } from '../distribution/acks';
import { diffPacks } from '../pack/diff';
import { drillIncomplete, drillOffers, drillProcedure } from '../coaching/drill';
import type { Run } from '../engine/run';
import type { HandlersFor } from '../messaging/server';
import type { PanelServiceDeps } from './deps';
import type { PackConfig } from './pack-config';

export const PRACTICE_PATH = '/practice.html';

const ownPage = (url: string | undefined, id: string) =>
  Boolean(url && (url.startsWith(`chrome-extension://${id}/`) || url.startsWith(`moz-extension://${id}/`)));

/** True for our practice page (a tab's URL, as the browser reports it: pages cannot forge it). */
export function isPracticePage(url: string | undefined, id: string): boolean {
  if (!ownPage(url, id)) return false;
  return new URL(url!).pathname === PRACTICE_PATH;
}
export { ownPage };

type Deps = PanelServiceDeps & { config: Pick<PackConfig, 'trustNow'> };
type Handled = 'practice.drillDone' | 'practice.drillRun' | 'practice.open';

/** Session-storage key of a drill run (gone when the browser closes; never a real contact). */
const drillKey = (runId: string) => `drillRun:${runId}`;

export function createPracticeService({ db, browser, ports }: Deps): HandlersFor<Handled> {
  const session = browser.storage.session;
  const onPracticePage = (url: string | undefined) => {
    if (!isPracticePage(url, browser.runtime.id)) throw new Error('A drill is taken on the practice page.');
  };

  /** The drill this release calls for, built here from the stored releases (not the panel's offer). */
  async function releaseDrill(packId: string, version: number, procedureId: string) {
    const [now, before] = await Promise.all([repo.getPack(db, packId, version), repo.previousPack(db, packId, version)]);
    if (!now || !before) throw new Error(`No earlier release of ${packId} to compare release ${version} with.`);
    const diff = diffPacks(before, now);
    const offer = drillOffers(diff, packId, version).find((o) => o.procedureId === procedureId);
    const procedure = now.procedures.find((p) => p.id === procedureId);
    const drill = offer && procedure && drillProcedure(procedure, offer.stepIds);
    if (!drill) throw new Error(`Release ${version} of ${packId} has no drill for ${procedureId}.`);
    return { diff, drill };
  }

  return {
    'practice.drillRun': async ({ run }, sender) => {
      onPracticePage(sender.tab?.url);
      if (!run.procedureId.startsWith('drill.')) throw new Error('Only a drill run is kept.');
      const key = drillKey(run.id);
      const stored = (await session.get(key))[key] as Run | undefined;
      if (!stored || stored.rev <= run.rev) await session.set({ [key]: run }); // the higher revision wins
      return { ok: true };
    },
    'practice.drillDone': async ({ packId, version, procedureId, runId }, sender) => {
      onPracticePage(sender.tab?.url);
      const { diff, drill } = await releaseDrill(packId, version, procedureId);
      const key = drillKey(runId);
      const stored = (await session.get(key))[key] as Run | undefined;
      if (!stored) throw new Error('No drill run was kept for this drill.');
      const why = drillIncomplete(stored, drill, packId, version);
      if (why) throw new Error(why);
      const phraseIds = changedPhrases(diff)
        .filter((c) => c.procedureId === procedureId)
        .map((c) => c.phrase.id);
      if (phraseIds.length) await repo.putAcks(db, ackRows(packId, version, procedureId, phraseIds, Date.now()));
      await session.remove(key);
      // Every panel (the CRM tabs too) must stop asking for this acknowledgement.
      ports.toPanels({ type: 'packs.changed' });
      return { acked: ackedMap(await repo.acksFor(db, packId, version)) };
    },
    'practice.open': async () => {
      await browser.tabs.create({ url: browser.runtime.getURL(PRACTICE_PATH as '/practice.html') });
      return { ok: true };
    },
  };
}
