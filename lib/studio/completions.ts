/**
 * What the editor offers to complete: step ids (after `→`, `next:` or `start:`), and inside
 * `{…}` the variables a phrase can use (the agent profile and the pack's context fields).
 * Pure, from the last pack that compiled.
 */
import type { Pack } from '../pack/schema';

export interface CompletionWords {
  steps: string[];
  variables: string[];
}

/** Filled in by the panel from the agent's profile (lib/engine's placeholders). */
const PROFILE_VARIABLES = ['company', 'agentId', 'agentName'];

export function completionWords(pack: Pack | undefined): CompletionWords {
  if (!pack) return { steps: [], variables: PROFILE_VARIABLES };
  const steps = new Set<string>();
  for (const proc of pack.procedures) for (const step of proc.steps) steps.add(step.id);
  const fields = new Set<string>();
  for (const site of pack.sites ?? []) for (const field of site.fields ?? []) fields.add(field.id);
  return { steps: [...steps], variables: [...PROFILE_VARIABLES, ...fields] };
}

/** Which list applies at the cursor, given the line's text before it, and where the word starts. */
export function completionContext(before: string): { kind: keyof CompletionWords; from: number } | undefined {
  const variable = /\{([\w.-]*)$/.exec(before);
  if (variable) return { kind: 'variables', from: before.length - variable[1]!.length };
  // `> next: id`, `start: id`, and a choice's target: `- → 咨询 | Enquiry: id`.
  const step = /(?:^[-*]\s+(?:→|->)[^:：]*[:：]|^>\s*next:|^start:)\s*([\w-]*)$/.exec(before);
  if (step) return { kind: 'steps', from: before.length - step[1]!.length };
  return undefined;
}
