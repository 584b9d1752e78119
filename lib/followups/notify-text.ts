/**
 * The words of a follow-up's OS notification. A notification shows on the lock screen and in
 * the system's notification history, outside Cuecard, so it never carries what the agent
 * typed (the title may name the customer): only the procedure and step it came from, from the
 * pack, and the due time. Pure.
 */
import type { Lang, Pack } from '../pack/schema';
import { t } from '../pack/text';
import { translate } from '../i18n/translate';
import type { FollowUp } from './schema';

export function notificationText(f: FollowUp, pack: Pack | undefined, lang: Lang): string {
  const at = new Date(f.dueAt).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' });
  const procedure = pack?.procedures.find((p) => p.id === f.origin?.procedureId);
  const step = procedure?.steps.find((s) => s.id === f.origin?.stepId);
  const what = [t(procedure?.title, lang), t(step?.title, lang)].filter(Boolean).join(' · ');
  return what ? translate(lang, 'followup.notifyFrom', { what, at }) : translate(lang, 'followup.notifyPlain', { at });
}
