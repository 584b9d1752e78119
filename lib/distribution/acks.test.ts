import { describe, expect, it } from 'vitest';
import { diffPacks } from '../pack/diff';
import { ackedMap, ackRows, changedPhrases, pendingForStep, phraseKey } from './acks';
import { teamPack } from './fixtures';

const diff = diffPacks(teamPack(1), teamPack(2));

describe('changedPhrases', () => {
  it('lists reworded and added phrases of existing steps, not removed ones or new steps', () => {
    expect(changedPhrases(diff).map((c) => [c.stepId, c.phrase.id, c.phrase.status])).toEqual([
      ['close', 'bye', 'changed'],
      ['close', 'thanks', 'added'],
    ]);
  });

  it('ignores a change of label or channels only', () => {
    const v1 = teamPack(1);
    const v2 = structuredClone(v1);
    v2.version = 2;
    v2.procedures[0]!.steps[0]!.phrases![0]!.label = { 'zh-CN': '开场' };
    v2.procedures[0]!.steps[0]!.phrases![0]!.channels = ['phone'];
    expect(changedPhrases(diffPacks(v1, v2))).toEqual([]);
  });
});

describe('pendingForStep and the ack rows', () => {
  it('gates the step until each changed phrase on it is acknowledged', () => {
    expect(pendingForStep(diff, 'callback', 'open', {})).toEqual([]);
    expect(pendingForStep(null, 'callback', 'close', {})).toEqual([]);
    expect(pendingForStep(diff, 'callback', 'close', {}).map((c) => c.phrase.id)).toEqual(['bye', 'thanks']);
    const rows = ackRows('acme.team-b', 2, 'callback', ['bye', 'bye'], 1000);
    expect(rows).toEqual([{ packId: 'acme.team-b', version: 2, procedureId: 'callback', phraseId: 'bye', ackedAt: 1000 }]);
    const acked = ackedMap(rows);
    expect(pendingForStep(diff, 'callback', 'close', acked).map((c) => c.phrase.id)).toEqual(['thanks']);
    expect(pendingForStep(diff, 'callback', 'close', ackedMap([...rows, ...ackRows('acme.team-b', 2, 'callback', ['thanks'], 2000)]))).toEqual([]);
  });

  it('keeps the first acknowledgement time, and keys phrases by procedure', () => {
    const acked = ackedMap([...ackRows('p', 2, 'a', ['x'], 5), ...ackRows('p', 2, 'a', ['x'], 3), ...ackRows('p', 2, 'b', ['x'], 9)]);
    expect(acked).toEqual({ [phraseKey('a', 'x')]: 3, [phraseKey('b', 'x')]: 9 });
  });
});
