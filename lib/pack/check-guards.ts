/**
 * Semantic checks for guarded controls and field checks (issue 13.1, 13.2): what their schemas
 * cannot say. Each error names the rule or guard by id, so an author finds it in the YAML.
 */
import type { FieldRule, Locator } from './context-schema';
import type { Pack } from './schema';
import { patternError } from '../guards/field-rules';

type Report = (path: string, message: string) => void;
type LocatorCheck = (loc: Locator, path: string, error: Report) => void;

function checkRule(rule: FieldRule, at: string, error: Report) {
  const named = `rule "${rule.id}"`;
  if (!rule.required && rule.pattern === undefined && rule.minLength === undefined && rule.maxLength === undefined && !rule.oneOf) {
    error(at, `${named} checks nothing: give it required, pattern, minLength, maxLength or oneOf`);
  }
  if (rule.pattern !== undefined) {
    const why = patternError(rule.pattern);
    if (why) error(`${at}.pattern`, `${named}: "${rule.pattern}" is not a valid regular expression (${why})`);
  }
  if (rule.minLength !== undefined && rule.maxLength !== undefined && rule.minLength > rule.maxLength) {
    error(`${at}.minLength`, `${named}: minLength ${rule.minLength} is more than maxLength ${rule.maxLength}`);
  }
}

export function checkGuards(pack: Pack, checkLocator: LocatorCheck, error: Report): void {
  const items = new Set(pack.procedures.flatMap((p) => p.steps.flatMap((s) => (s.checklist ?? []).map((i) => i.id))));
  pack.sites?.forEach((site, i) => {
    const guardIds = new Map<string, string>();
    site.guards?.forEach((guard, j) => {
      const at = `sites[${i}].guards[${j}]`;
      checkLocator(guard, at, error);
      const first = guardIds.get(guard.id);
      if (first) error(`${at}.id`, `duplicate guard id "${guard.id}" in this site (first used at ${first})`);
      else guardIds.set(guard.id, `${at}.id`);
      guard.verifiedBy?.forEach((id, k) => {
        if (!items.has(id)) error(`${at}.verifiedBy[${k}]`, `guard "${guard.id}" refers to unknown checklist item "${id}"`);
      });
    });
    const checkIds = new Map<string, string>();
    site.checks?.forEach((check, j) => {
      const at = `sites[${i}].checks[${j}]`;
      checkLocator(check.submit, `${at}.submit`, error);
      const first = checkIds.get(check.id);
      if (first) error(`${at}.id`, `duplicate check id "${check.id}" in this site (first used at ${first})`);
      else checkIds.set(check.id, `${at}.id`);
      const ruleIds = new Set<string>();
      check.rules.forEach((rule, k) => {
        const rp = `${at}.rules[${k}]`;
        checkLocator(rule, rp, error);
        if (ruleIds.has(rule.id)) error(`${rp}.id`, `duplicate rule id "${rule.id}" in check "${check.id}"`);
        ruleIds.add(rule.id);
        checkRule(rule, rp, error);
      });
    });
  });
}
