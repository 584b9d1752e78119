/**
 * Cross-references the author can get wrong and the schema cannot see: duplicate ids and
 * steps that do not exist. Checked here, on the source map, so the message can point at
 * both lines ("first used on line 12") instead of at an array index.
 */
import type { AuthoringIssue, PathSegment, SourceMap } from './source-map';

type Obj = Record<string, unknown>;

export function checkReferences(procedures: Obj[], map: SourceMap, issues: AuthoringIssue[]): void {
  const report = (path: PathSegment[], message: string) => {
    const loc = map.locate(path);
    if (loc) issues.push({ ...loc, message });
  };
  const where = (path: PathSegment[]) => {
    const loc = map.locate(path);
    return loc ? `${loc.file}:${loc.line}` : 'elsewhere';
  };
  unique(procedures, ['procedures'], 'procedure', report, where);
  procedures.forEach((proc, i) => {
    const base: PathSegment[] = ['procedures', i];
    const steps = list(proc.steps);
    unique(steps, [...base, 'steps'], 'step', report, where);
    const stepIds = steps.map((s) => s.id).filter((id): id is string => typeof id === 'string' && id !== '');
    const known = (id: unknown) => suggest(String(id), stepIds);
    // Missing or empty ids are reported where they are written; don't repeat them here.
    const exists = (id: unknown) => typeof id !== 'string' || id === '' || stepIds.includes(id);
    if (!exists(proc.start)) report([...base, 'start'], `start: there is no step '${String(proc.start)}' (${known(proc.start)})`);
    const phrases: { item: Obj; path: PathSegment[] }[] = [];
    const checks: { item: Obj; path: PathSegment[] }[] = [];
    steps.forEach((step, j) => {
      const sp = [...base, 'steps', j];
      if (!exists(step.next)) report([...sp, 'next'], `next: there is no step '${String(step.next)}' (${known(step.next)})`);
      const choices = list(step.choices);
      choices.forEach((c, k) => {
        if (!exists(c.next)) report([...sp, 'choices', k], `this choice leads to '${String(c.next)}', which is not a step (${known(c.next)})`);
      });
      unique(choices, [...sp, 'choices'], 'choice', report, where, ' (two choices lead to the same step: give one an id with {#id})');
      list(step.phrases).forEach((item, k) => phrases.push({ item, path: [...sp, 'phrases', k] }));
      list(step.checklist).forEach((item, k) => checks.push({ item, path: [...sp, 'checklist', k] }));
    });
    uniqueAt(phrases, 'phrase', report, where);
    uniqueAt(checks, 'checklist item', report, where);
  });
}

/** "did you mean 'record'?" for a typo, else the step ids when there are few enough to read. */
function suggest(id: string, ids: string[]): string {
  const close = ids.filter((s) => distance(s, id) <= (id.length < 5 ? 1 : 2));
  if (close.length) return `did you mean ${close.map((s) => `'${s}'`).join(' or ')}?`;
  return ids.length <= 10 ? `steps in this procedure: ${ids.join(', ')}` : `this procedure has ${ids.length} steps; check the spelling`;
}

/** Levenshtein distance; ids are short, so the plain table is fine. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

function list(v: unknown): Obj[] {
  return Array.isArray(v) ? (v as Obj[]) : [];
}

function unique(
  items: Obj[],
  path: PathSegment[],
  what: string,
  report: (p: PathSegment[], m: string) => void,
  where: (p: PathSegment[]) => string,
  hint = '',
): void {
  uniqueAt(
    items.map((item, k) => ({ item, path: [...path, k] })),
    what,
    report,
    where,
    hint,
  );
}

function uniqueAt(
  entries: { item: Obj; path: PathSegment[] }[],
  what: string,
  report: (p: PathSegment[], m: string) => void,
  where: (p: PathSegment[]) => string,
  hint = '',
): void {
  const first = new Map<unknown, PathSegment[]>();
  for (const { item, path } of entries) {
    if (typeof item.id !== 'string' || item.id === '') continue;
    const prev = first.get(item.id);
    if (prev) report([...path, 'id'], `duplicate ${what} id '${item.id}' (first used at ${where([...prev, 'id'])})${hint}`);
    else first.set(item.id, path);
  }
}
