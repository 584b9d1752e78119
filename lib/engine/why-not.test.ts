import { describe, expect, it } from 'vitest';
import type { Procedure } from '../pack/schema';
import type { Mode, Run } from './run';
import { broken, deepFreeze, fresh, looping, play, support, T0, type Move } from './fixtures';
import { reduce } from './reduce';
import { whyNot, type Blocked } from './why-not';

// Moves that bring a support run to a given step, in new-hire mode unless noted.
const toVerify: Move[] = [{ type: 'tick', itemId: 'greet-hello' }, { type: 'next' }];
const toTriage: Move[] = [...toVerify, { type: 'tick', itemId: 'verify-id' }, { type: 'next' }];
const toWrap: Move[] = [...toTriage, { type: 'tick', itemId: 'triage-noted' }, { type: 'choose', choiceId: 'quick' }];
const finished: Move[] = [...toWrap, { type: 'tick', itemId: 'wrap-survey' }, { type: 'finish' }];
// Experienced agent skipped the identity check: triage reached, identity not verified.
const toTriageUnverified: Move[] = [
  ...toVerify,
  { type: 'skip', itemId: 'verify-id', reason: 'caller hung up' },
  { type: 'next' },
  { type: 'tick', itemId: 'triage-noted' },
];
// Looping: verified at the hub, through `secure`, back at the hub, then identity withdrawn.
const hubUnverified: Move[] = [
  { type: 'tick', itemId: 'id-ok' },
  { type: 'choose', choiceId: 'secure' },
  { type: 'next' },
  { type: 'untick', itemId: 'id-ok' },
];
const toBroken: Move[] = [{ type: 'tick', itemId: 'constructor' }, { type: 'next' }];
/** A run whose current step the procedure no longer has (the pack changed under it). */
const ghost = (): Run =>
  deepFreeze({
    ...fresh(),
    path: [
      { stepId: 'greet', at: T0 },
      { stepId: 'ghost', at: T0 },
    ],
  });

type Case = [name: string, setup: () => Run, move: Move, expected: Blocked, mode?: Mode, procedure?: Procedure];
/** Set-up must not rely on refusals: every move has to be accepted, or the case tests the wrong state. */
const on =
  (moves: Move[], procedure: Procedure = support, mode: Mode = 'newHire') =>
  () => {
    const run = play(fresh(procedure), moves, procedure, mode);
    expect(run.rev).toBe(moves.length);
    return run;
  };
const outstanding = (...itemIds: string[]): Blocked => ({ code: 'required-outstanding', itemIds });
const NO_CHANGE: Blocked = { code: 'no-change' };
const FINISHED: Blocked = { code: 'finished' };

const cases: Case[] = [
  // next
  ['next: finished', on(finished), { type: 'next' }, FINISHED],
  ['next: required item unticked', on([]), { type: 'next' }, outstanding('greet-hello')],
  ['next: unticked verification item', on(toVerify), { type: 'next' }, outstanding('verify-id')],
  // The mode is a setting: a skip made in experienced mode does not let a new hire past.
  [
    'next: required item skipped, new hire',
    on([{ type: 'skip', itemId: 'greet-hello', reason: 'r' }], support, 'experienced'),
    { type: 'next' },
    outstanding('greet-hello'),
  ],
  ['next: choice step', on([...toTriage, { type: 'tick', itemId: 'triage-noted' }]), { type: 'next' }, { code: 'choice-required' }],
  ['next: end step', on(toWrap), { type: 'next' }, { code: 'at-end' }],
  ['next: current step unknown', ghost, { type: 'next' }, { code: 'unknown-step', stepId: 'ghost' }],
  ['next: choice step that also has next', on(toBroken, broken), { type: 'next' }, { code: 'choice-required' }, 'newHire', broken],
  [
    'next: target missing',
    on([...toBroken, { type: 'choose', choiceId: 'on' }], broken),
    { type: 'next' },
    { code: 'unknown-step', stepId: 'gone' },
    'newHire',
    broken,
  ],
  // choose
  ['choose: finished', on(finished), { type: 'choose', choiceId: 'quick' }, FINISHED],
  ['choose: unknown choice', on(toTriage), { type: 'choose', choiceId: 'refund' }, { code: 'unknown-choice', choiceId: 'refund' }],
  ['choose: step without choices', on([]), { type: 'choose', choiceId: 'quick' }, { code: 'unknown-choice', choiceId: 'quick' }],
  ['choose: required item unticked', on(toTriage), { type: 'choose', choiceId: 'quick' }, outstanding('triage-noted')],
  [
    'choose: into identity-gated step, skipped check',
    on(toTriageUnverified, support, 'experienced'),
    { type: 'choose', choiceId: 'billing' },
    { code: 'identity-locked', stepId: 'bill-lookup' },
    'experienced',
  ],
  [
    'choose: into a missing step',
    on(toBroken, broken),
    { type: 'choose', choiceId: 'nowhere' },
    { code: 'unknown-step', stepId: 'missing' },
    'newHire',
    broken,
  ],
  ['choose: current step unknown', ghost, { type: 'choose', choiceId: 'quick' }, { code: 'unknown-step', stepId: 'ghost' }],
  [
    'choose: identity withdrawn on a loop',
    on(hubUnverified, looping),
    { type: 'choose', choiceId: 'secure' },
    { code: 'identity-locked', stepId: 'secure' },
    'newHire',
    looping,
  ],
  // back
  ['back: finished', on(finished), { type: 'back' }, FINISHED],
  ['back: at start', on([]), { type: 'back' }, { code: 'at-start' }],
  [
    'back: into identity-gated step after identity withdrawn',
    on(hubUnverified, looping),
    { type: 'back' },
    { code: 'identity-locked', stepId: 'secure' },
    'newHire',
    looping,
  ],
  [
    'back: into a step the pack dropped',
    () =>
      deepFreeze({
        ...fresh(),
        path: [
          { stepId: 'ghost', at: T0 },
          { stepId: 'greet', at: T0 },
        ],
      }),
    { type: 'back' },
    { code: 'unknown-step', stepId: 'ghost' },
  ],
  // goto
  ['goto: finished', on(finished), { type: 'goto', stepId: 'greet' }, FINISHED],
  ['goto: step not in procedure', on(toTriage), { type: 'goto', stepId: 'nope' }, { code: 'unknown-step', stepId: 'nope' }],
  ['goto: current step', on(toTriage), { type: 'goto', stepId: 'triage' }, NO_CHANGE],
  ['goto: step not visited', on(toTriage), { type: 'goto', stepId: 'wrap' }, { code: 'not-visited', stepId: 'wrap' }],
  [
    'goto: identity-gated step after identity withdrawn',
    on(hubUnverified, looping),
    { type: 'goto', stepId: 'secure' },
    { code: 'identity-locked', stepId: 'secure' },
    'newHire',
    looping,
  ],
  // tick
  ['tick: finished', on(finished), { type: 'tick', itemId: 'greet-name' }, FINISHED],
  ['tick: no such item', on([]), { type: 'tick', itemId: 'nope' }, { code: 'unknown-item', itemId: 'nope' }],
  ['tick: item of another step', on([]), { type: 'tick', itemId: 'verify-id' }, { code: 'unknown-item', itemId: 'verify-id' }],
  ['tick: already ticked', on([{ type: 'tick', itemId: 'greet-hello' }]), { type: 'tick', itemId: 'greet-hello' }, NO_CHANGE],
  ['tick: current step unknown', ghost, { type: 'tick', itemId: 'greet-hello' }, { code: 'unknown-step', stepId: 'ghost' }],
  // untick
  ['untick: finished', on(finished), { type: 'untick', itemId: 'wrap-survey' }, FINISHED],
  ['untick: item of another step', on(toVerify), { type: 'untick', itemId: 'greet-hello' }, { code: 'unknown-item', itemId: 'greet-hello' }],
  ['untick: not ticked', on([]), { type: 'untick', itemId: 'greet-hello' }, NO_CHANGE],
  [
    'untick: skipped, not ticked',
    on([{ type: 'skip', itemId: 'greet-hello', reason: 'r' }], support, 'experienced'),
    { type: 'untick', itemId: 'greet-hello' },
    NO_CHANGE,
    'experienced',
  ],
  // skip
  ['skip: finished', on(finished), { type: 'skip', itemId: 'wrap-survey', reason: 'r' }, FINISHED, 'experienced'],
  ['skip: new hire', on([]), { type: 'skip', itemId: 'greet-hello', reason: 'busy' }, { code: 'skip-not-allowed' }],
  ['skip: item of another step', on([]), { type: 'skip', itemId: 'wrap-survey', reason: 'r' }, { code: 'unknown-item', itemId: 'wrap-survey' }, 'experienced'],
  ['skip: optional item', on([]), { type: 'skip', itemId: 'greet-name', reason: 'r' }, { code: 'not-required', itemId: 'greet-name' }, 'experienced'],
  ['skip: empty reason', on([]), { type: 'skip', itemId: 'greet-hello', reason: '' }, { code: 'reason-required' }, 'experienced'],
  ['skip: blank reason', on([]), { type: 'skip', itemId: 'greet-hello', reason: ' \n\t ' }, { code: 'reason-required' }, 'experienced'],
  [
    'skip: same reason again',
    on([{ type: 'skip', itemId: 'greet-hello', reason: 'busy' }], support, 'experienced'),
    { type: 'skip', itemId: 'greet-hello', reason: '  busy ' },
    NO_CHANGE,
    'experienced',
  ],
  // unskip
  ['unskip: finished', on(finished), { type: 'unskip', itemId: 'wrap-survey' }, FINISHED],
  ['unskip: item of another step', on([]), { type: 'unskip', itemId: 'verify-id' }, { code: 'unknown-item', itemId: 'verify-id' }],
  ['unskip: not skipped', on([{ type: 'tick', itemId: 'greet-hello' }]), { type: 'unskip', itemId: 'greet-hello' }, NO_CHANGE],
  // label
  ['label: finished', on(finished), { type: 'label', label: 'Ms Wang' }, FINISHED],
  ['label: same after trimming', on([{ type: 'label', label: 'Ms Wang' }]), { type: 'label', label: ' Ms Wang  ' }, NO_CHANGE],
  ['label: clearing an absent label', on([]), { type: 'label', label: '   ' }, NO_CHANGE],
  // finish
  ['finish: finished', on(finished), { type: 'finish' }, FINISHED],
  ['finish: not at an end step', on([]), { type: 'finish' }, { code: 'not-at-end' }],
  ['finish: choice step is not an end', on(toTriage), { type: 'finish' }, { code: 'not-at-end' }],
  ['finish: required item unticked', on(toWrap), { type: 'finish' }, outstanding('wrap-survey')],
  ['finish: current step unknown', ghost, { type: 'finish' }, { code: 'unknown-step', stepId: 'ghost' }],
];

describe('whyNot × reduce: every refusal', () => {
  it.each(cases)('%s', (_name, setup, move, expected, mode = 'newHire', procedure = support) => {
    const run = setup();
    const event = { ...move, at: T0 + 99_000 } as Parameters<typeof reduce>[1];
    const ctx = deepFreeze({ procedure, mode });
    expect(whyNot(run, event, ctx)).toEqual(expected);
    // A refusal is a no-op by identity, not merely by value.
    expect(reduce(run, event, ctx)).toBe(run);
  });

  it('covers every refusal code and every event type', () => {
    const codes = new Set(cases.map((c) => c[3].code));
    expect([...codes].sort()).toEqual(
      [
        'at-end',
        'at-start',
        'choice-required',
        'finished',
        'identity-locked',
        'no-change',
        'not-at-end',
        'not-required',
        'not-visited',
        'reason-required',
        'required-outstanding',
        'skip-not-allowed',
        'unknown-choice',
        'unknown-item',
        'unknown-step',
      ].sort(),
    );
    const types = new Set(cases.map((c) => c[2].type));
    expect(types.size).toBe(10);
  });
});
