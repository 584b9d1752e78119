/**
 * The procedure files read back into their drafts (lib/pack/authoring's own reader, so the
 * lines are exactly the compiler's), even when the pack as a whole does not compile: the
 * map must show an unreachable step, which the compiler rejects, and the form edits text
 * at the line the draft records.
 */
import { procedureFiles } from '../pack/authoring/compile';
import type { StepDraft } from '../pack/authoring/markdown-body';
import { readProcedureFile } from '../pack/authoring/procedure-file';
import { SourceMap, type AuthoringIssue } from '../pack/authoring/source-map';
import type { PackFiles } from './contract';

export interface StepModel {
  id: string;
  line: number;
  title: { zh: string; en?: string };
  /** Where the run can go from here: `> next:`, the choices, or the step below. */
  next: string[];
  /** No way on: `> end`, or the last step with neither next nor choices. */
  end: boolean;
  draft: StepDraft;
}

export interface ProcedureModel {
  file: string;
  id: string;
  title: string;
  start: string | undefined;
  steps: StepModel[];
}

export function readProcedures(files: Readonly<PackFiles>): ProcedureModel[] {
  const out: ProcedureModel[] = [];
  for (const file of procedureFiles(Object.keys(files))) {
    const issues: AuthoringIssue[] = [];
    const draft = readProcedureFile(file, files[file]!, out.length, issues, new SourceMap());
    if (!draft) continue;
    const fm = draft.front.data;
    const steps = draft.body.steps.filter((s) => s.id);
    const title = fm.title as unknown;
    out.push({
      file,
      id: typeof fm.id === 'string' ? fm.id : file,
      title: typeof title === 'string' ? title : typeof title === 'object' && title ? String(Object.values(title)[0] ?? file) : file,
      start: typeof fm.start === 'string' ? fm.start : steps[0]?.id,
      steps: steps.map((s, i) => stepModel(s, steps[i + 1])),
    });
  }
  return out;
}

/** Mirrors build-procedure.ts: a step without `> next:`, `> end` or choices falls through to the one below. */
function stepModel(s: StepDraft, following: StepDraft | undefined): StepModel {
  const attr = (key: string) => s.attrs.find((a) => a.key === key);
  const explicit = attr('next')?.value;
  const isEnd = attr('end') !== undefined;
  const next: string[] = [];
  if (s.choices.length) next.push(...s.choices.flatMap((c) => (c.target ? [c.target] : [])));
  else if (explicit) next.push(explicit);
  else if (!isEnd && following) next.push(following.id);
  return { id: s.id, line: s.line, title: s.title, next, end: !s.choices.length && !explicit && (isEnd || !following), draft: s };
}
