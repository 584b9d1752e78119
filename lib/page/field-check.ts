/**
 * Field checks before Save in one frame (issue 13.2): when the agent presses a check's submit
 * control, its rules are checked against the fields' current values. Failures are noted beside
 * each field (our own closed UI, lib/page/guard-ui.ts). Warning rules let Save go ahead; a
 * failing block rule holds it (the caller stops the click) until the fields are fixed and Save
 * is pressed again, or the agent overrides with a reason in the panel. Values are read here only
 * to be checked: nothing leaves this function but rule ids.
 */
import type { GuardWords } from '../messaging/protocol';
import type { PageCheck, PageFieldRule } from '../guards/guard-state';
import { checkAll, type RuleFailure } from '../guards/field-rules';
import { fieldValue, findField, type Scope } from './guard-find';
import type { GuardUi } from './guard-ui';

export interface FieldCheck {
  /** Checks on a Save press; `hold` when the click must be stopped. */
  run(check: PageCheck, submit: Element, words: GuardWords): 'pass' | 'hold';
  clear(): void;
}

function describe(rule: PageFieldRule, failure: RuleFailure, words: GuardWords): string {
  if (rule.message) return rule.message;
  const count = failure === 'minLength' ? rule.minLength : failure === 'maxLength' ? rule.maxLength : '';
  return words[`fieldCheck.${failure}`]
    .replace('{name}', rule.name)
    .replace('{count}', String(count ?? ''))
    .replace('{values}', (rule.oneOf ?? []).join(' / '));
}

export function createFieldCheck(doc: Document, ui: GuardUi, held: (target: string, rules: string[]) => void): FieldCheck {
  // Notes go when the agent edits a flagged field: one listener per shown set, removed with it.
  let edited: { el: Element; off: () => void }[] = [];
  const forget = () => {
    for (const e of edited) e.off();
    edited = [];
  };

  function clear() {
    forget();
    ui.notes([]);
    ui.say(null);
  }

  return {
    run(check, submit, words) {
      const scope = submit.getRootNode() as Scope;
      const fields = new Map<string, Element | null>(check.rules.map((r) => [r.id, findField(scope, doc, r)]));
      const { failures, blocks } = checkAll(check.rules, (rule) => {
        const el = fields.get(rule.id);
        return el ? fieldValue(el) : null;
      });
      clear();
      if (!failures.length) return 'pass';
      const notes = failures.map((f) => {
        const rule = check.rules.find((r) => r.id === f.ruleId)!;
        return { el: fields.get(f.ruleId)!, text: describe(rule, f.failure, words), blocking: f.blocking };
      });
      ui.notes(notes);
      for (const n of notes) {
        const off = () => n.el.removeEventListener('input', onEdit);
        const onEdit = () => clear();
        n.el.addEventListener('input', onEdit, { once: true });
        edited.push({ el: n.el, off });
      }
      if (!blocks) {
        ui.say(submit, words['fieldCheck.warned'], 'warn');
        return 'pass';
      }
      ui.say(submit, words['fieldCheck.held']);
      held(
        check.id,
        failures.filter((f) => f.blocking).map((f) => f.ruleId),
      );
      return 'hold';
    },
    clear,
  };
}
