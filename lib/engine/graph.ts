/**
 * The procedure as a graph: steps are nodes, `next` and choices are edges. Pure helpers the
 * engine and the selectors share, so "where can the run go from here" has one definition.
 */
import type { Procedure, Step } from '../pack/schema';

export function stepById(procedure: Procedure, stepId: string): Step | undefined {
  return procedure.steps.find((s) => s.id === stepId);
}

/** An empty `choices` array is treated as no choices, so such a step still follows `next`. */
export function hasChoices(step: Step): boolean {
  return (step.choices?.length ?? 0) > 0;
}

/** An end step is where `finish` is allowed: no branch and nowhere for Next to go. */
export function isEnd(step: Step): boolean {
  return !hasChoices(step) && step.next === undefined;
}

/** Step ids one forward move away, choices in their declared order (keeps BFS deterministic). */
export function successors(step: Step): string[] {
  if (hasChoices(step)) return (step.choices ?? []).map((c) => c.next);
  return step.next === undefined ? [] : [step.next];
}

/**
 * The shortest route from `fromStepId` to an end step, excluding `fromStepId` itself and
 * including the end step: `[]` when already at an end, `null` when no end can be reached
 * (a broken link or a loop with no exit in the pack).
 */
export function shortestRouteToEnd(procedure: Procedure, fromStepId: string): string[] | null {
  const cameFrom = new Map<string, string | null>([[fromStepId, null]]);
  const queue = [fromStepId];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] as string;
    const step = stepById(procedure, id);
    if (!step) continue; // dangling link: not a usable route
    if (isEnd(step)) return unwind(cameFrom, id);
    for (const nextId of successors(step)) {
      if (cameFrom.has(nextId)) continue;
      cameFrom.set(nextId, id);
      queue.push(nextId);
    }
  }
  return null;
}

function unwind(cameFrom: Map<string, string | null>, endId: string): string[] {
  const route: string[] = [];
  for (let id: string | null = endId; id !== null; id = cameFrom.get(id) ?? null) route.push(id);
  return route.reverse().slice(1);
}

/** Every step id reachable from `fromStepId` by forward moves, not counting itself unless on a loop. */
export function reachableFrom(procedure: Procedure, fromStepId: string): Set<string> {
  const seen = new Set<string>();
  const queue = [fromStepId];
  for (let i = 0; i < queue.length; i++) {
    const step = stepById(procedure, queue[i] as string);
    for (const nextId of step ? successors(step) : []) {
      if (seen.has(nextId)) continue;
      seen.add(nextId);
      queue.push(nextId);
    }
  }
  return seen;
}
