/**
 * What every options component reads: the one API (a fake in tests), the UI language and its
 * `t`, and the settings as the background last returned them.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { TFunction } from '@/lib/i18n/use-t';
import type { PackMeta } from '@/lib/messaging/protocol';
import type { OptionsApi } from '@/lib/options/api';
import type { Lang } from '@/lib/pack/schema';
import type { Settings, SettingsPatch } from '@/lib/settings/schema';

export interface OptionsContextValue {
  api: OptionsApi;
  lang: Lang;
  t: TFunction;
  settings: Settings;
  packs: PackMeta[];
  /** Keep what the background answered (it is the truth after every change). */
  setSettings(s: Settings): void;
  setPacks(p: PackMeta[]): void;
  /** api.save, then keep its answer; throws as api.save does, so callers show the error. */
  save(patch: SettingsPatch): Promise<Settings>;
}

export const OptionsContext = createContext<OptionsContextValue | null>(null);

export function useOptions(): OptionsContextValue {
  const value = useContext(OptionsContext);
  if (!value) throw new Error('useOptions needs an OptionsContext provider');
  return value;
}
