/**
 * Semantic checks for the page-context parts of a pack (sites, anchors, templates): the
 * things their schemas cannot say. Called from checkPack; errors carry the value's path.
 */
import { TEMPLATE_BUILTINS, type Locator, type Template } from './context-schema';
import type { Pack } from './schema';
import { templateVariables, FILTERS } from '../context/template';
import { checkGuards } from './check-guards';

type Report = (path: string, message: string) => void;

function checkLocator(loc: Locator, path: string, error: Report) {
  if ((loc.selector === undefined) === (loc.labelText === undefined)) {
    error(path, 'needs exactly one of selector or labelText (how to find the element on the page)');
  }
}

function checkTemplates(templates: Template[], base: string, fields: Set<string>, hasStep: (id: string) => boolean, where: string, error: Report) {
  const seen = new Map<string, string>();
  templates.forEach((tpl, i) => {
    const at = `${base}[${i}]`;
    const first = seen.get(tpl.id);
    if (first) error(`${at}.id`, `duplicate template id "${tpl.id}" (first used at ${first})`);
    else seen.set(tpl.id, `${at}.id`);
    tpl.steps.forEach((id, k) => {
      if (!hasStep(id)) error(`${at}.steps[${k}]`, `refers to unknown step "${id}" (it must be a step of ${where})`);
    });
    for (const lang of ['zh-CN', 'en'] as const) {
      const text = tpl.text[lang];
      if (text === undefined) continue;
      for (const { name, filter } of templateVariables(text)) {
        const builtin = (TEMPLATE_BUILTINS as readonly string[]).includes(name);
        if (!builtin && !fields.has(name)) {
          error(`${at}.text.${lang}`, `uses {${name}}, which is neither a page field of this pack nor one of ${TEMPLATE_BUILTINS.join(', ')}`);
        } else if (filter !== undefined && !(FILTERS as readonly string[]).includes(filter)) {
          error(`${at}.text.${lang}`, `uses the unknown filter "|${filter}" in {${name}|${filter}} (known: ${FILTERS.join(', ')})`);
        } else if (filter === 'masked' && builtin) {
          error(`${at}.text.${lang}`, `{${name}|masked}: only page fields can be masked`);
        }
      }
    }
  });
}

export function checkContext(pack: Pack, error: Report): void {
  const procedures = new Set(pack.procedures.map((p) => p.id));
  const fields = new Set<string>();
  pack.sites?.forEach((site, i) => {
    const at = `sites[${i}]`;
    const ids = new Map<string, string>();
    site.fields?.forEach((f, j) => {
      const fp = `${at}.fields[${j}]`;
      checkLocator(f, fp, error);
      const first = ids.get(f.id);
      if (first) error(`${fp}.id`, `duplicate field id "${f.id}" in this site (first used at ${first})`);
      else ids.set(f.id, `${fp}.id`);
      fields.add(f.id);
    });
    site.suggest?.forEach((rule, j) => {
      const rp = `${at}.suggest[${j}]`;
      if (!procedures.has(rule.procedure)) error(`${rp}.procedure`, `refers to unknown procedure "${rule.procedure}"`);
      if (rule.selector === undefined && rule.url === undefined) error(rp, 'needs a selector, a url, or both (when to suggest the procedure)');
    });
  });
  checkGuards(pack, checkLocator, error);
  const siteIds = new Map<string, string>();
  pack.sites?.forEach((s, i) => {
    const first = siteIds.get(s.id);
    if (first) error(`sites[${i}].id`, `duplicate site id "${s.id}" (first used at ${first})`);
    else siteIds.set(s.id, `sites[${i}].id`);
  });

  pack.procedures.forEach((proc, i) => {
    const pp = `procedures[${i}]`;
    const steps = new Set(proc.steps.map((s) => s.id));
    proc.steps.forEach((step, j) => step.anchors?.forEach((a, k) => checkLocator(a, `${pp}.steps[${j}].anchors[${k}]`, error)));
    if (proc.templates) checkTemplates(proc.templates, `${pp}.templates`, fields, (id) => steps.has(id), `procedure "${proc.id}"`, error);
  });
  if (pack.templates) {
    const anyStep = (id: string) => pack.procedures.some((p) => p.steps.some((s) => s.id === id));
    checkTemplates(pack.templates, 'templates', fields, anyStep, 'some procedure of the pack', error);
  }
}
