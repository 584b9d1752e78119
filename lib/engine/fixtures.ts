/**
 * Test fixtures for the engine: small procedures that exercise every rule, and helpers to
 * freeze inputs (so a mutation throws) and to play events without spelling out timestamps.
 */
import type { ChecklistItem, Procedure, Step } from '../pack/schema';
import type { Mode, Run, RunEvent } from './run';
import { reduce } from './reduce';
import { startRun } from './start';

const t = (zh: string) => ({ 'zh-CN': zh });
const item = (id: string, required: boolean, verifiesIdentity?: boolean): ChecklistItem =>
  verifiesIdentity ? { id, text: t(id), required, verifiesIdentity } : { id, text: t(id), required };
const step = (id: string, rest: Omit<Step, 'id' | 'title'> = {}): Step => ({ id, title: t(id), ...rest });

/**
 * greet → verify → triage ─┬─ billing → bill-lookup (needs identity) → bill-adjust → wrap
 *                          ├─ tech → tech-diag → wrap
 *                          └─ quick → wrap (end)
 */
export const support: Procedure = {
  id: 'support',
  title: t('support'),
  kind: 'contact',
  start: 'greet',
  steps: [
    step('greet', { checklist: [item('greet-hello', true), item('greet-name', false)], next: 'verify' }),
    step('verify', { checklist: [item('verify-id', true, true), item('verify-alt', false, true)], next: 'triage' }),
    step('triage', {
      checklist: [item('triage-noted', true)],
      choices: [
        { id: 'billing', label: t('billing'), next: 'bill-lookup' },
        { id: 'tech', label: t('tech'), next: 'tech-diag' },
        { id: 'quick', label: t('quick'), next: 'wrap' },
      ],
    }),
    step('bill-lookup', { requiresIdentity: true, checklist: [item('bill-confirm', true)], next: 'bill-adjust' }),
    step('bill-adjust', { next: 'wrap' }),
    step('tech-diag', { checklist: [item('tech-restart', true)], next: 'wrap' }),
    step('wrap', { checklist: [item('wrap-survey', true)] }),
  ],
};

/** Odd corners: a dangling link, a dangling choice, an item id that is also an Object.prototype key. */
export const broken: Procedure = {
  id: 'broken',
  title: t('broken'),
  kind: 'shift',
  start: 'a',
  steps: [
    step('a', { checklist: [item('constructor', true)], next: 'b' }),
    step('b', {
      choices: [
        { id: 'nowhere', label: t('nowhere'), next: 'missing' },
        { id: 'on', label: t('on'), next: 'c' },
      ],
      next: 'a', // ignored: a step with choices leaves only through them
    }),
    step('c', { next: 'gone' }),
  ],
};

/** A loop through an identity-gated step, so identity can be lost after the step was entered. */
export const looping: Procedure = {
  id: 'looping',
  title: t('looping'),
  kind: 'contact',
  start: 'hub',
  steps: [
    step('hub', {
      checklist: [item('id-ok', false, true)],
      choices: [
        { id: 'secure', label: t('secure'), next: 'secure' },
        { id: 'leave', label: t('leave'), next: 'end' },
      ],
    }),
    step('secure', { requiresIdentity: true, next: 'hub' }),
    step('end'),
  ],
};

export const PACK = { id: 'demo', version: 3 };
export const T0 = 1_700_000_000_000;

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

deepFreeze(support);
deepFreeze(broken);
deepFreeze(looping);

/** Events without `at`; `play` stamps them one second apart after T0. */
export type Move = { [K in RunEvent['type']]: Omit<Extract<RunEvent, { type: K }>, 'at'> }[RunEvent['type']];

export function fresh(procedure: Procedure = support): Run {
  return deepFreeze(startRun(procedure, PACK, { id: 'run-1', at: T0 }));
}

/** Apply moves in order, asserting nothing: tests check the outcome they care about. */
export function play(run: Run, moves: Move[], procedure: Procedure = support, mode: Mode = 'newHire'): Run {
  return moves.reduce<Run>((r, move) => deepFreeze(reduce(r, { ...move, at: T0 + (r.rev + 1) * 1000 } as RunEvent, { procedure, mode })), run);
}
