/**
 * Field checks before Save (issue 13.2), the pure part: what a CRM field's value breaks. Runs in
 * the content script of every CRM frame (dependency-free, small) and in plain Node for tests.
 * Values pass through here only to be checked: nothing returned carries them.
 */

/** A rule as the content script gets it: no pack text beyond what it shows beside the field. */
export interface PageRule {
  id: string;
  required?: boolean;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  oneOf?: string[];
  mode?: 'warn' | 'block';
}

export type RuleFailure = 'required' | 'pattern' | 'minLength' | 'maxLength' | 'oneOf';

/** The whole value must match: a pack author writes `1[3-9]\d{9}`, not `^…$`. */
export function anchored(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`, 'u');
}

/** The first thing `value` breaks, or null. An empty optional field breaks nothing else. */
export function checkValue(rule: PageRule, value: string): RuleFailure | null {
  const v = value.trim();
  if (v === '') return rule.required ? 'required' : null;
  const length = [...v].length; // code points: a CJK name is as long as it looks
  if (rule.minLength !== undefined && length < rule.minLength) return 'minLength';
  if (rule.maxLength !== undefined && length > rule.maxLength) return 'maxLength';
  if (rule.oneOf && !rule.oneOf.includes(v)) return 'oneOf';
  if (rule.pattern !== undefined) {
    try {
      if (!anchored(rule.pattern).test(v)) return 'pattern';
    } catch {
      return null; // the compiler refuses bad patterns; one that slipped through checks nothing
    }
  }
  return null;
}

/** Why a pattern cannot be used, or null. For the pack checker's error message. */
export function patternError(pattern: string): string | null {
  try {
    anchored(pattern);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

export interface FieldVerdict {
  ruleId: string;
  failure: RuleFailure;
  blocking: boolean;
}

/** Every failing rule; `blocks` when one of them is in block mode (Save is held). */
export function checkAll(rules: readonly PageRule[], valueOf: (rule: PageRule) => string | null): { failures: FieldVerdict[]; blocks: boolean } {
  const failures: FieldVerdict[] = [];
  for (const rule of rules) {
    const value = valueOf(rule);
    // A field that is not on the page (another tab of the form, not rendered yet) is not checked:
    // the agent cannot fix what is not there, and holding Save for it would break the CRM.
    if (value === null) continue;
    const failure = checkValue(rule, value);
    if (failure) failures.push({ ruleId: rule.id, failure, blocking: rule.mode === 'block' });
  }
  return { failures, blocks: failures.some((f) => f.blocking) };
}
