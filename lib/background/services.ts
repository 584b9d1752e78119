/**
 * The background's services, built once from the database and the extension APIs, and the
 * complete handler map for the protocol: spread into the full `Handlers` type, so a message no
 * service handles fails to compile. entrypoints/background only wires events to these.
 */
import type { CuecardDb } from '../db/schema';
import type { Handlers, HandlersFor } from '../messaging/server';
import { classifySender, isStudioSender, type ExtensionIdentity, type SenderInfo } from '../messaging/sender';
import type { ExtensionApi } from './deps';
import { createContextService } from './context';
import { createCoachingService } from './coaching';
import { createPracticeService, isPracticePage, ownPage } from './practice';
import { createFocusService } from './focus';
import { createFollowUpsService } from './followups';
import { createHubService } from './hub';
import { pageOf } from '../context/broken-anchors';
import { createInjectService } from './inject';
import { createLayoutService } from './layout';
import { createPackConfig } from './pack-config';
import { createPackUpdatesService } from './pack-updates';
import { createPacksService } from './packs';
import { createPageKeysService } from './page-keys';
import { createPanelPorts } from './panel-ports';
import { createPanelSessions } from './panel-sessions';
import { createRunsService } from './runs';
import { createGuardsService } from './guards';
import { createSettingsService } from './settings';
import { createSitesService } from './sites';
import { createStudioBridge } from './studio-bridge';
import { createSubscriptionsService } from './subscriptions';

/** Our origins: the static one, and the per-session one `use_dynamic_url` gives panel.html. */
export function extensionIdentity(browser: ExtensionApi): ExtensionIdentity {
  const id = browser.runtime.id;
  const dynamic = new URL(browser.runtime.getURL('/panel.html')).origin;
  return { id, origins: [...new Set([`chrome-extension://${id}/`, `moz-extension://${id}/`, `${dynamic}/`])] };
}

export function createServices({ db, browser }: { db: CuecardDb; browser: ExtensionApi }) {
  const sessions = createPanelSessions({
    session: browser.storage.session,
    now: () => Date.now(),
    randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)),
  });
  /**
   * Sender kinds are decided here, once, for messages and ports alike (lib/messaging/sender.ts).
   * A content script's page is `studio` when it is the Studio address the lead set (issue 12).
   */
  const kindOf = async (sender: SenderInfo) => {
    const kind = await classifySender(sender, extensionIdentity(browser), (s) => sessions.isBound(s));
    return kind === 'page' && isStudioSender(sender, await studio.origin()) ? 'studio' : kind;
  };
  const ports = createPanelPorts(kindOf);
  const base = { db, browser, ports };

  const sites = createSitesService(base);
  const studio = createStudioBridge({ ...base, crmPatterns: () => sites.currentSites() });
  const inject = createInjectService({ browser, sites });
  const config = createPackConfig(base);
  const packs = createPacksService({ ...base, config });
  const context = createContextService(base);
  const focus = createFocusService(base);
  const layout = createLayoutService({ ...base, sites });
  const followUps = createFollowUpsService(base);
  const coaching = createCoachingService(base);
  const guards = createGuardsService(base);
  const runs = createRunsService({ ...base, packs, followUps, coaching, guards });
  const pageKeys = createPageKeysService(base);
  const subscriptions = createSubscriptionsService({ ...base, config });
  const hub = createHubService({ db, browser, config, fetch: (u, i) => fetch(u, i), checkPacks: () => subscriptions.checkSubscriptions('manual') });
  const packUpdates = createPackUpdatesService({ db, ports, config });

  // The team hub hears of finished contacts and acknowledgements where they are stored (only
  // reported while enrolled); the handlers themselves stay as they are.
  const contextHandlers = context.handlers;
  const reported: HandlersFor<'run.put' | 'pack.ack' | 'context.show'> = {
    'run.put': async (p, sender) => {
      const result = await runs.handlers['run.put'](p, sender);
      if (result.saved) void hub.onRunStored(result.run).catch(() => undefined);
      return result;
    },
    'pack.ack': async (p, sender) => {
      const result = await packUpdates['pack.ack'](p, sender);
      void hub.onAck(p).catch(() => undefined);
      return result;
    },
    // A miss is recorded by the context service; the hub gets origin and path, masked the same way.
    'context.show': async (p, sender) => {
      const result = await contextHandlers['context.show'](p, sender);
      const page = pageOf((sender.tab as { url?: string } | undefined)?.url);
      if (!result.found && page) void hub.onBrokenAnchor({ ...p, index: p.anchor, page }).catch(() => undefined);
      return result;
    },
  };

  const panel: HandlersFor<'panel.ticket' | 'panel.claim'> = {
    'panel.ticket': async (_p, sender) => {
      // Of our own pages, only the practice page hosts a panel (lib/background/practice.ts).
      if (ownPage(sender.url, browser.runtime.id) && !isPracticePage(sender.url, browser.runtime.id))
        throw new Error('Only the practice page hosts a panel among Cuecard pages.');
      return { ticket: await sessions.issue(sender) };
    },
    'panel.claim': async ({ ticket }, sender) => {
      await sessions.claim(ticket, sender);
      return { ok: true };
    },
  };

  const handlers: Handlers = {
    ...panel,
    ...runs.handlers,
    ...createSettingsService({ db, ports, sites, inject }),
    ...packUpdates,
    ...packs.handlers,
    ...layout.handlers,
    ...focus.handlers,
    ...inject.handlers,
    ...subscriptions.handlers,
    ...context.handlers,
    ...followUps.handlers,
    ...pageKeys.handlers,
    ...coaching.handlers,
    ...createPracticeService({ db, browser, ports, config }),
    ...guards.handlers,
    ...hub.handlers,
    ...studio.handlers,
    ...reported,
  };

  return { handlers, kindOf, ports, sessions, sites, inject, packs, runs, focus, layout, followUps, pageKeys, subscriptions, hub, guards };
}

export type Services = ReturnType<typeof createServices>;
