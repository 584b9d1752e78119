/** The panel's language hooks: UI strings and pack text follow settings.lang. */
import { useCallback } from 'preact/hooks';
import { usePanel } from '../store/use-store';
import { t as packText } from '../pack/text';
import type { Lang, LText } from '../pack/schema';
import { resolveLang, translate, type MessageKey, type Params } from './translate';

export function useLang(): Lang {
  const setting = usePanel((s) => s.settings.lang);
  return resolveLang(setting);
}

export type TFunction = (key: MessageKey, params?: Params) => string;

export function useT(): TFunction {
  const lang = useLang();
  return useCallback((key: MessageKey, params?: Params) => translate(lang, key, params), [lang]);
}

/** Pack text (LText) in the UI language, falling back to zh-CN as lib/pack/text does. */
export function usePackText(): (text: LText | undefined) => string {
  const lang = useLang();
  return useCallback((text: LText | undefined) => packText(text, lang), [lang]);
}
