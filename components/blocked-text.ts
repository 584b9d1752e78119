/** Plain words for the engine's refusal codes, so the agent always learns why Next did nothing. */
import type { Blocked } from '@/lib/engine';
import type { Lang, Procedure } from '@/lib/pack/schema';
import { t as packText } from '@/lib/pack/text';
import { translate } from '@/lib/i18n/translate';

function itemText(procedure: Procedure | undefined, itemId: string, lang: Lang): string {
  for (const step of procedure?.steps ?? []) {
    const item = step.checklist?.find((i) => i.id === itemId);
    if (item) return packText(item.text, lang);
  }
  return itemId;
}

/** The SOP section where identity is verified, e.g. "2.2", so the message points the way. */
function identitySection(procedure: Procedure | undefined): string | undefined {
  return procedure?.steps.find((s) => s.checklist?.some((i) => i.verifiesIdentity === true))?.source;
}

/** null for refusals that need no explanation ('no-change': the click simply did nothing). */
export function describeBlocked(blocked: Blocked, procedure: Procedure | undefined, lang: Lang): string | null {
  const tr = (key: Parameters<typeof translate>[1], params?: Record<string, string>) => translate(lang, key, params);
  switch (blocked.code) {
    case 'no-change':
      return null;
    case 'required-outstanding':
      return tr('blocked.required', {
        items: blocked.itemIds.map((id) => itemText(procedure, id, lang)).join(tr('list.separator')),
      });
    case 'identity-locked': {
      const section = identitySection(procedure);
      return section ? tr('blocked.identityAt', { section }) : tr('blocked.identity');
    }
    case 'choice-required':
      return tr('blocked.choice');
    case 'at-end':
      return tr('blocked.atEnd');
    case 'at-start':
      return tr('blocked.atStart');
    case 'finished':
      return tr('blocked.finished');
    case 'not-at-end':
      return tr('blocked.notAtEnd');
    case 'skip-not-allowed':
      return tr('blocked.skipNotAllowed');
    case 'reason-required':
      return tr('blocked.reasonRequired');
    case 'too-many-overrides':
      return tr('blocked.tooManyOverrides');
    case 'not-required':
      return tr('blocked.notRequired');
    case 'not-visited':
      return tr('blocked.notVisited');
    case 'unknown-item':
      return tr('blocked.changed', { id: blocked.itemId });
    case 'unknown-choice':
      return tr('blocked.changed', { id: blocked.choiceId });
    case 'unknown-step':
      return tr('blocked.changed', { id: blocked.stepId });
  }
}
