/** What the options page needs from the browser, as plain functions (testable components). */
import { browser } from 'wxt/browser';
import { send } from '../messaging/client';
import type { PackMeta } from '../messaging/protocol';
import type { Settings } from '../settings/schema';
import { MAX_SIGNED_PACK_CHARS } from '../pack/sign';

export interface OptionsApi {
  load(): Promise<{ settings: Settings; packs: PackMeta[] }>;
  save(patch: Partial<Settings>): Promise<Settings>;
  /** Asks for the host permission (must run from a click), then enables the site. */
  addSite(pattern: string, current: string[]): Promise<Settings>;
  removeSite(pattern: string, current: string[]): Promise<Settings>;
  importPack(text: string): Promise<PackMeta>;
}


export function createOptionsApi(): OptionsApi {
  const save = async (patch: Partial<Settings>) => (await send('settings.patch', { patch })).settings;
  return {
    load: async () => {
      const s = await send('state.load', {});
      return { settings: s.settings, packs: s.packMeta };
    },
    save,
    addSite: async (pattern, current) => {
      const granted = await browser.permissions.request({ origins: [pattern] });
      if (!granted) throw new Error(`Access to ${pattern} was not granted, so Cuecard cannot show its panel there.`);
      return save({ sites: [...new Set([...current, pattern])] });
    },
    removeSite: async (pattern, current) => {
      const settings = await save({ sites: current.filter((s) => s !== pattern) });
      await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
      return settings;
    },
    importPack: async (text) => {
      // Past the message size limit the background would only say "Invalid length": say it here.
      if (text.length > MAX_SIGNED_PACK_CHARS) {
        const mb = (text.length / 1024 / 1024).toFixed(1);
        throw new Error(`The pack was not installed. $: the file is ${mb} MB, larger than 5 MB, the most a pack may be.`);
      }
      return (await send('pack.import', { text })).installed;
    },
  };
}
