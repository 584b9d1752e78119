/** Studio's string lookup: its own keys, then the panel's (so shared words stay one). */
import { studioEn, type StudioKey } from './studio-en';
import { studioZh } from './studio-zh';

export type StudioLang = 'zh' | 'en';
export type StudioT = (key: StudioKey, params?: Record<string, string | number>) => string;

export function studioT(lang: StudioLang): StudioT {
  const table: Record<StudioKey, string> = lang === 'zh' ? studioZh : studioEn;
  return (key, params) =>
    (table[key] ?? studioEn[key]).replace(/\{(\w+)\}/g, (whole, name: string) => (params && name in params ? String(params[name]) : whole));
}
