/**
 * Semantic checks on a pack that already matches the schema: the things a schema cannot
 * say (ids that must be unique, `next` that must point somewhere, a flow that must end).
 * Every problem carries the path of the offending value, like the schema errors do.
 */
import { checkScenarios } from './check-scenarios';
import type { LText, Pack, Procedure, Step } from './schema';
import { checkContext } from './check-context';

export type PackError = {
  /** Where the problem is, e.g. `procedures[2].steps[0].next`; `$` is the whole pack. */
  path: string;
  message: string;
  /** 1-based position, only for JSON syntax errors. */
  line?: number;
  column?: number;
};

type Report = (path: string, message: string) => void;

export function checkPack(pack: Pack): { errors: PackError[]; warnings: PackError[] } {
  const errors: PackError[] = [];
  const warnings: PackError[] = [];
  const error: Report = (path, message) => errors.push({ path, message });

  // Every LText has zh-CN, so a pack that does not list it misdescribes its own content.
  if (!pack.languages.includes('zh-CN')) error('languages', 'must include "zh-CN" (every text has Chinese)');
  unique(
    pack.procedures.map((p, i) => [p.id, `procedures[${i}].id`] as const),
    'procedure',
    error,
  );
  pack.procedures.forEach((procedure, i) => checkProcedure(procedure, `procedures[${i}]`, error));
  pack.procedures.forEach((procedure, i) => checkScenarios(procedure, `procedures[${i}]`, error));
  checkContext(pack, error);

  // Missing English is a warning: the panel falls back to Chinese, so the pack still works.
  if (pack.languages.includes('en')) {
    forEachText(pack, (text, path) => {
      if (!text.en?.trim()) warnings.push({ path: `${path}.en`, message: 'English text is missing' });
    });
  }
  return { errors, warnings };
}

function checkProcedure(procedure: Procedure, base: string, error: Report): void {
  const steps = new Map<string, Step>();
  for (const step of procedure.steps) if (!steps.has(step.id)) steps.set(step.id, step);
  const stepPath = (j: number) => `${base}.steps[${j}]`;

  unique(
    procedure.steps.map((s, j) => [s.id, `${stepPath(j)}.id`] as const),
    'step',
    error,
  );
  // Runs key ticks by item id and the palette keys phrases by id, across the whole procedure.
  unique(
    procedure.steps.flatMap((s, j) => (s.checklist ?? []).map((c, k) => [c.id, `${stepPath(j)}.checklist[${k}].id`] as const)),
    'checklist item',
    error,
  );
  unique(
    procedure.steps.flatMap((s, j) => (s.phrases ?? []).map((p, k) => [p.id, `${stepPath(j)}.phrases[${k}].id`] as const)),
    'phrase',
    error,
  );
  const verifiesIdentity = procedure.steps.some((s) => s.checklist?.some((c) => c.verifiesIdentity));

  procedure.steps.forEach((step, j) => {
    const at = stepPath(j);
    if (step.next !== undefined && !steps.has(step.next)) error(`${at}.next`, unknownStep(step.next));
    if (step.choices !== undefined && step.next !== undefined) {
      error(`${at}.next`, 'cannot be used together with choices (a step either branches or has one next step)');
    }
    if (step.choices?.length === 0) error(`${at}.choices`, 'needs at least one choice (leave choices out for an end step)');
    unique(
      (step.choices ?? []).map((c, k) => [c.id, `${at}.choices[${k}].id`] as const),
      'choice',
      error,
    );
    step.choices?.forEach((c, k) => {
      if (!steps.has(c.next)) error(`${at}.choices[${k}].next`, unknownStep(c.next));
    });
    // Without a verifying item the step would stay locked for every run.
    if (step.requiresIdentity && !verifiesIdentity) {
      error(`${at}.requiresIdentity`, 'no checklist item in this procedure verifies identity, so the step could never unlock');
    }
  });

  if (!steps.has(procedure.start)) {
    error(`${base}.start`, unknownStep(procedure.start));
    return; // reachability from a missing start would only repeat this error for every step
  }
  const reached = reachable(procedure.start, steps);
  procedure.steps.forEach((step, j) => {
    if (!reached.has(step.id)) error(stepPath(j), `step "${step.id}" is not reachable from the start step "${procedure.start}"`);
  });
  const isEnd = (id: string) => {
    const step = steps.get(id);
    return step !== undefined && step.next === undefined && !step.choices?.length;
  };
  if (![...reached].some(isEnd)) {
    error(`${base}.steps`, 'no end step (one with neither next nor choices) is reachable from the start step');
  }
}

function reachable(start: string, steps: Map<string, Step>): Set<string> {
  const seen = new Set<string>([start]);
  const queue = [start];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    const step = steps.get(id);
    const targets = [...(step?.next ? [step.next] : []), ...(step?.choices ?? []).map((c) => c.next)];
    for (const target of targets) {
      if (steps.has(target) && !seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return seen;
}

const unknownStep = (id: string) => `refers to unknown step "${id}" (it must be a step of the same procedure)`;

/** Reports every repeat of an id, pointing back at the first use. */
function unique(entries: ReadonlyArray<readonly [string, string]>, what: string, error: Report): void {
  const first = new Map<string, string>();
  for (const [id, path] of entries) {
    const earlier = first.get(id);
    if (earlier) error(path, `duplicate ${what} id "${id}" (first used at ${earlier})`);
    else first.set(id, path);
  }
}

function forEachText(pack: Pack, visit: (text: LText, path: string) => void): void {
  const optional = (text: LText | undefined, path: string) => text && visit(text, path);
  visit(pack.title, 'title');
  pack.procedures.forEach((p, i) => {
    const pp = `procedures[${i}]`;
    visit(p.title, `${pp}.title`);
    optional(p.description, `${pp}.description`);
    p.steps.forEach((s, j) => {
      const sp = `${pp}.steps[${j}]`;
      visit(s.title, `${sp}.title`);
      optional(s.guidance, `${sp}.guidance`);
      s.phrases?.forEach((ph, k) => {
        visit(ph.text, `${sp}.phrases[${k}].text`);
        optional(ph.label, `${sp}.phrases[${k}].label`);
      });
      s.checklist?.forEach((c, k) => visit(c.text, `${sp}.checklist[${k}].text`));
      s.choices?.forEach((c, k) => visit(c.label, `${sp}.choices[${k}].label`));
    });
  });
}
