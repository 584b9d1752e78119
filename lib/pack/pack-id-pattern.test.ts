import { describe, expect, it } from 'vitest';
import { anyPackIdMatches, packIdMatches, packIdPatternProblem, splitPackIdPatterns } from './pack-id-pattern';

describe('pack id patterns', () => {
  it('matches exact ids and namespaces, never a look-alike', () => {
    expect(packIdMatches('acme.team-b', 'acme.team-b')).toBe(true);
    expect(packIdMatches('acme.team-b', 'acme.team-b2')).toBe(false);
    expect(packIdMatches('acme.*', 'acme.team-b')).toBe(true);
    expect(packIdMatches('acme.*', 'acme.sub.pack')).toBe(true);
    // Not the bare namespace, and not an id that merely starts with the same letters.
    expect(packIdMatches('acme.*', 'acme')).toBe(false);
    expect(packIdMatches('acme.*', 'acme-evil.team-b')).toBe(false);
    expect(packIdMatches('acme.*', 'acmeteam')).toBe(false);
    expect(packIdMatches('*', 'anything.at-all')).toBe(true);
    expect(anyPackIdMatches([], 'acme.team-b')).toBe(false);
    expect(anyPackIdMatches(['other.x', 'acme.*'], 'acme.team-b')).toBe(true);
  });

  it('says what is wrong with a bad pattern, and keeps "*" for policy', () => {
    expect(packIdPatternProblem('acme.team-b', { allowAny: false })).toBeUndefined();
    expect(packIdPatternProblem('acme.*', { allowAny: false })).toBeUndefined();
    expect(packIdPatternProblem('*', { allowAny: true })).toBeUndefined();
    expect(packIdPatternProblem('*', { allowAny: false })).toMatch(/can only be set by your organisation/);
    for (const bad of ['Acme.Team', 'acme.*.x', '*.acme', 'acme*', '.*', 'a b', '']) {
      expect(packIdPatternProblem(bad, { allowAny: true }), bad).toMatch(/is not a pack id/);
    }
  });

  it('splits what the agent typed on commas, spaces and Chinese punctuation', () => {
    expect(splitPackIdPatterns(' acme.team-b, acme.*，other.x;acme.team-b ')).toEqual(['acme.team-b', 'acme.*', 'other.x']);
    expect(splitPackIdPatterns('  ')).toEqual([]);
  });
});
