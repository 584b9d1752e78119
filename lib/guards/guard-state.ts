/**
 * What a CRM tab's content scripts must guard now (issue 13.1, 13.2), computed by the background
 * from the tab's contact and its pack. Pure: the background passes in what it read from Dexie.
 * The content script trusts only this: nothing a page does can unlock a control, because the
 * locks are lifted here, from ticks the agent made in the panel.
 */
import type { Pack, Procedure, Lang } from '../pack/schema';
import type { FieldRule, Guard, Locator } from '../pack/context-schema';
import { t as packText } from '../pack/text';
import { isIdentityVerified } from '../engine/gates';
import { own } from '../engine/records';
import type { Run } from '../engine/run';
import type { PageRule } from './field-rules';

export type PageGuard = Locator & { id: string; name: string };
export type PageFieldRule = PageRule & Locator & { name: string; message?: string };
export type PageCheck = { id: string; submit: Locator; rules: PageFieldRule[] };
export type GuardSite = { match: string[]; guards: PageGuard[]; checks: PageCheck[] };

export interface GuardState {
  /** Only what is in force: locked guards (none once verified) and every field check. */
  sites: GuardSite[];
  /** The SOP section where identity is verified ("2.2"), for the held-click message. */
  section?: string;
  /** Whether an override can be recorded (the tab has an open contact). */
  contact: boolean;
  /** The tab's URL (a cross-origin frame cannot see it), for the sites' match patterns. */
  top?: string;
}

export const NO_GUARDS: GuardState = { sites: [], contact: false };

const locator = (l: Locator): Locator => ({
  ...(l.selector !== undefined ? { selector: l.selector } : {}),
  ...(l.labelText !== undefined ? { labelText: l.labelText } : {}),
  ...(l.frame !== undefined ? { frame: l.frame } : {}),
});

/** A guard is lifted once one of its `verifiedBy` items (else any identity item) is ticked. */
export function isLifted(guard: Guard, run: Run | undefined, procedure: Procedure | undefined): boolean {
  if (!run || !procedure || run.status !== 'open') return false;
  if (guard.verifiedBy) return guard.verifiedBy.some((id) => own(run.ticks, id) !== undefined);
  return isIdentityVerified(run, procedure);
}

function pageRule(rule: FieldRule, lang: Lang): PageFieldRule {
  const { id, required, pattern, minLength, maxLength, oneOf, mode, message } = rule;
  return {
    id,
    name: packText(rule.name, lang),
    ...locator(rule),
    ...(required ? { required } : {}),
    ...(pattern !== undefined ? { pattern } : {}),
    ...(minLength !== undefined ? { minLength } : {}),
    ...(maxLength !== undefined ? { maxLength } : {}),
    ...(oneOf ? { oneOf } : {}),
    mode: mode ?? 'warn',
    ...(message ? { message: packText(message, lang) } : {}),
  };
}

/** `packs`: the contact's pack when the tab has one, else every installed pack (nobody is verified). */
export function guardState(packs: readonly Pack[], run: Run | undefined, lang: Lang): GuardState {
  const sites: GuardSite[] = [];
  let section: string | undefined;
  for (const pack of packs) {
    const procedure = run && run.packId === pack.id ? pack.procedures.find((p) => p.id === run.procedureId) : undefined;
    section ??= (procedure ?? pack.procedures[0])?.steps.find((s) => s.checklist?.some((i) => i.verifiesIdentity))?.source;
    for (const site of pack.sites ?? []) {
      const guards = (site.guards ?? []).filter((g) => !isLifted(g, run, procedure)).map((g) => ({ id: g.id, name: packText(g.name, lang), ...locator(g) }));
      const checks = (site.checks ?? []).map((c) => ({ id: c.id, submit: locator(c.submit), rules: c.rules.map((r) => pageRule(r, lang)) }));
      if (guards.length || checks.length) sites.push({ match: site.match, guards, checks });
    }
  }
  return { sites, ...(section ? { section } : {}), contact: run?.status === 'open' };
}
