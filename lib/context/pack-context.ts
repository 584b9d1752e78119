/** The context parts of a pack, looked up the ways the panel and the background need them. */
import type { Field, Mask, Site, Template } from '../pack/context-schema';
import type { Pack, Procedure } from '../pack/schema';
import { maskValue } from './mask';

/** Every page field of the pack, once per id (the first site that declares it wins). */
export function packFields(pack: Pack): Field[] {
  const seen = new Map<string, Field>();
  for (const site of pack.sites ?? []) for (const f of site.fields ?? []) if (!seen.has(f.id)) seen.set(f.id, f);
  return [...seen.values()];
}

export function fieldMasks(pack: Pack): Record<string, Mask> {
  return Object.fromEntries(packFields(pack).map((f) => [f.id, f.mask ?? 'text']));
}

/** The templates a step offers: the procedure's own first, then the pack's. */
export function templatesFor(pack: Pack, procedure: Procedure, stepId: string): Template[] {
  const own = (procedure.templates ?? []).filter((t) => t.steps.includes(stepId));
  const shared = (pack.templates ?? []).filter((t) => t.steps.includes(stepId) && !own.some((o) => o.id === t.id));
  return [...own, ...shared];
}

/**
 * What may be kept with a run: only fields the pack marks `storable`, and only masked.
 * Everything else read from the page stays in the open panel's memory.
 */
export function storableValues(pack: Pack, values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of packFields(pack)) {
    const value = values[f.id];
    if (f.storable && value) out[f.id] = maskValue(value, f.mask ?? 'text');
  }
  return out;
}

/** A site as the content script needs it: patterns and locators, no pack text. */
export type PageSite = Pick<Site, 'match' | 'suggest'> & {
  fields: Array<Pick<Field, 'id' | 'selector' | 'labelText' | 'frame'>>;
};

export function pageSites(pack: Pack): PageSite[] {
  return (pack.sites ?? []).map((s) => ({
    match: s.match,
    suggest: s.suggest,
    fields: (s.fields ?? []).map(({ id, selector, labelText, frame }) => ({ id, selector, labelText, frame })),
  }));
}
