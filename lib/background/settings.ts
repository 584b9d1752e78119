/**
 * Settings changes: the panel's preferences (`prefs.patch`, lib/settings/prefs.ts) and, from
 * the options page only, everything else (`settings.patch`). The router has already refused a
 * trust change from any other sender; both paths store and tell the other panels alike.
 */
import * as repo from '../db/repo';
import type { HandlersFor, SenderInfo } from '../messaging/server';
import type { SettingsPatch } from '../settings/schema';
import type { PanelServiceDeps } from './deps';
import type { InjectService } from './inject';
import type { SitesService } from './sites';

type Deps = Omit<PanelServiceDeps, 'browser'> & { sites: Pick<SitesService, 'syncSites'>; inject: Pick<InjectService, 'injectIntoOpenTabs'> };

export function createSettingsService({ db, ports, sites, inject }: Deps): HandlersFor<'prefs.patch' | 'settings.patch'> {
  async function patchAndTell(patch: SettingsPatch, sender: SenderInfo) {
    const settings = await repo.patchSettings(db, patch);
    ports.toPanels({ type: 'settings.changed', settings }, { tabId: sender.tab?.id, frameId: sender.frameId });
    if (patch.sites) {
      await sites.syncSites(settings.sites);
      void inject.injectIntoOpenTabs(); // a site just added works in its open tabs without a reload
    }
    return { settings };
  }
  return {
    'prefs.patch': ({ patch }, sender) => patchAndTell(patch, sender),
    'settings.patch': ({ patch }, sender) => patchAndTell(patch, sender),
  };
}
