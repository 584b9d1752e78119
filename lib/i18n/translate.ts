/** Pure UI-string lookup; the Preact hook lives in use-t.ts so this runs in plain Node. */
import type { Lang } from '../pack/schema';
import type { Settings } from '../settings/schema';
import { en, type MessageKey } from './en';
import { zhCN } from './zh-cn';

export type { MessageKey };
export type Params = Record<string, string | number>;

export const MESSAGES: Record<Lang, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

/** 'auto' follows the browser: any Chinese locale gets zh-CN, everything else English. */
export function resolveLang(setting: Settings['lang'], browserLang?: string): Lang {
  if (setting !== 'auto') return setting;
  const nav = browserLang ?? globalThis.navigator?.language ?? '';
  return nav.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** `{name}` is replaced from params; an unknown name is left visible rather than dropped. */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const template = MESSAGES[lang][key] ?? en[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole));
}
