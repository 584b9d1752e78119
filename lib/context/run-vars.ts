/**
 * What a template can say about the run so far: the need (the first branch taken), the
 * checklist answers, each step with its time, start and duration. Pure: `now` and the
 * language come from the caller.
 */
import type { Run } from '../engine/run';
import type { Lang, Procedure } from '../pack/schema';
import { t } from '../pack/text';

const pad = (n: number) => String(n).padStart(2, '0');

/** Local date and time, `2024-05-01 09:05`: what a CRM note or a ticket expects. */
export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** `m:ss`, or `h:mm:ss` from an hour on. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** The branches taken, in the order the run took them: [step title, choice label]. */
function choicesMade(run: Run, procedure: Procedure, lang: Lang): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const visit of run.path) {
    const choiceId = run.choices[visit.stepId];
    const step = procedure.steps.find((s) => s.id === visit.stepId);
    const choice = step?.choices?.find((c) => c.id === choiceId);
    if (step && choice) out.push([t(step.title, lang), t(choice.label, lang)]);
  }
  return out;
}

/** Ticked (✓) and knowingly skipped (✗, with the reason) items of the steps visited. */
function checklistAnswers(run: Run, procedure: Procedure, lang: Lang): string[] {
  const visited = new Set(run.path.map((v) => v.stepId));
  const lines: string[] = [];
  for (const step of procedure.steps) {
    if (!visited.has(step.id)) continue;
    for (const item of step.checklist ?? []) {
      if (run.ticks[item.id] !== undefined) lines.push(`✓ ${t(item.text, lang)}`);
      else if (run.skips[item.id]) lines.push(`✗ ${t(item.text, lang)} (${run.skips[item.id]!.reason})`);
    }
  }
  return lines;
}

export type RunVariables = Record<'procedure' | 'step' | 'need' | 'choices' | 'outcome' | 'checklist' | 'steps' | 'startedAt' | 'duration' | 'now', string>;

export function runVariables(run: Run, procedure: Procedure, lang: Lang, now: number): RunVariables {
  const end = run.finishedAt ?? now;
  const choices = choicesMade(run, procedure, lang);
  const steps = run.path.map((visit, i) => {
    const step = procedure.steps.find((s) => s.id === visit.stepId);
    const left = run.path[i + 1]?.at ?? end;
    return `${i + 1}. ${step ? t(step.title, lang) : visit.stepId} ${formatDuration(left - visit.at)}`;
  });
  const current = run.path[run.path.length - 1];
  const currentStep = procedure.steps.find((s) => s.id === current?.stepId);
  return {
    procedure: t(procedure.title, lang),
    step: currentStep ? t(currentStep.title, lang) : '',
    need: choices[0]?.[1] ?? '',
    choices: choices.map(([step, label]) => `${step}: ${label}`).join('\n'),
    // The latest branch is where the contact stands; with a single branch it is the need itself.
    outcome: choices[choices.length - 1]?.[1] ?? '',
    checklist: checklistAnswers(run, procedure, lang).join('\n'),
    steps: steps.join('\n'),
    startedAt: formatDateTime(run.createdAt),
    duration: formatDuration(end - run.createdAt),
    now: formatDateTime(now),
  };
}
