/** Words an insert failure code (lib/page/insert.ts, or the background's) in the agent's language. */
import type { InsertResult } from '@/lib/messaging/protocol';
import type { TFunction } from '@/lib/i18n/use-t';
import type { MessageKey } from '@/lib/i18n/en';

const FIELD_CODES = ['hidden', 'disabled', 'read-only', 'too-long', 'cut-short', 'rejected', 'changed', 'not-editable', 'closed-shadow'];

export function insertFailureText(tr: TFunction, res: Extract<InsertResult, { ok: false }>): string {
  if (res.reason === 'no-field') return tr('phrase.noField');
  if (res.reason === 'field-gone') return tr('phrase.fieldGone');
  const key = (FIELD_CODES.includes(res.reason) ? `insert.${res.reason}` : 'insert.unknown') as MessageKey;
  return tr('phrase.failed', { reason: tr(key, { limit: String(res.limit ?? ''), kept: String(res.kept ?? '') }) });
}
