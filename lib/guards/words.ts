/** The page UI's words for guards and field checks, in the agent's language (the content script carries no dictionaries). */
import type { GuardWords } from '../messaging/protocol';
import type { Lang } from '../pack/schema';
import { translate, type MessageKey } from '../i18n/translate';

const WORDS = [
  'guard.locked',
  'guard.lockedAt',
  'guard.marker',
  'fieldCheck.held',
  'fieldCheck.warned',
  'fieldCheck.required',
  'fieldCheck.pattern',
  'fieldCheck.minLength',
  'fieldCheck.maxLength',
  'fieldCheck.oneOf',
] as const satisfies readonly MessageKey[];

export function guardWords(lang: Lang): GuardWords {
  return Object.fromEntries(WORDS.map((k) => [k, translate(lang, k)])) as GuardWords;
}
