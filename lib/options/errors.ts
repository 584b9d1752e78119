/**
 * An options-page error that carries its i18n key, so the page shows it in the agent's
 * language; anything else (the background's own sentence) is shown as it came.
 */
import { translate, type MessageKey, type Params } from '../i18n/translate';
import type { Lang } from '../pack/schema';

export class OptionsError extends Error {
  override name = 'OptionsError';
  constructor(
    readonly key: MessageKey,
    readonly params: Params = {},
  ) {
    super(translate('en', key, params));
  }
}

export function errorText(err: unknown, lang: Lang): string {
  if (err instanceof OptionsError) return translate(lang, err.key, err.params);
  return err instanceof Error ? err.message : String(err);
}
