/**
 * Every anchor of a compiled pack, named the way an author finds it in the files, with the
 * sites it belongs to: context fields, guards, field checks (submit and rules) and the "Show me"
 * anchors of steps. Suggest selectors are conditions ("this page has…"), not anchors.
 */
import type { Locator } from '../pack/context-schema';
import type { Pack } from '../pack/schema';
import type { LocatorKind } from './count-matches';

/** Which context.yaml item an anchor is: a site's field or guard, a check's submit control or rule. */
export type AnchorTarget =
  { section: 'fields' | 'guards'; id: string } | { section: 'submit'; check: string } | { section: 'rules'; check: string; id: string };

export interface PackAnchor {
  /** `field customer.name`, `guard change-plan`, `check save submit`, `step 2.1 anchor 1`. */
  name: string;
  loc: Locator;
  kind: LocatorKind;
  /** URL patterns of its site; undefined for step anchors (any site of the pack). */
  match?: readonly string[];
  /** Where Studio's "Pick on CRM" writes it (step anchors: not yet, they are edited by hand). */
  target?: AnchorTarget;
}

export function packAnchors(pack: Pack): PackAnchor[] {
  const out: PackAnchor[] = [];
  for (const site of pack.sites ?? []) {
    const match = site.match;
    for (const f of site.fields ?? []) out.push({ name: `field ${f.id}`, loc: f, kind: 'field', match, target: { section: 'fields', id: f.id } });
    for (const g of site.guards ?? []) out.push({ name: `guard ${g.id}`, loc: g, kind: 'control', match, target: { section: 'guards', id: g.id } });
    for (const c of site.checks ?? []) {
      out.push({ name: `check ${c.id} submit`, loc: c.submit, kind: 'control', match, target: { section: 'submit', check: c.id } });
      for (const r of c.rules)
        out.push({ name: `check ${c.id} rule ${r.id}`, loc: r, kind: 'field', match, target: { section: 'rules', check: c.id, id: r.id } });
    }
  }
  for (const proc of pack.procedures) {
    for (const step of proc.steps) {
      step.anchors?.forEach((a, i) => out.push({ name: `step ${proc.id}/${step.id} anchor ${i + 1}`, loc: a, kind: 'field' }));
    }
  }
  return out;
}
