/**
 * What the background's services are built from (github-better-line-counts' service shape):
 * the database, the extension APIs and the open panels' ports, passed in — the real ones by
 * entrypoints/background, WXT's `fakeBrowser` and fake-indexeddb in unit tests.
 */
import type { browser } from 'wxt/browser';
import type { CuecardDb } from '../db/schema';
import type { PanelPorts } from './panel-ports';

/** The extension APIs the services use: `browser` in the worker, WXT's `fakeBrowser` in tests. */
export type ExtensionApi = Pick<typeof browser, 'runtime' | 'storage' | 'tabs' | 'scripting' | 'permissions' | 'alarms' | 'notifications' | 'windows'>;

export interface ServiceDeps {
  db: CuecardDb;
  browser: ExtensionApi;
}
export interface PanelServiceDeps extends ServiceDeps {
  ports: PanelPorts;
}
