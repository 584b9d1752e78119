import { describe, expect, it } from 'vitest';
import { generateSigningKey, signPack } from '../../pack/sign';
import { teamPack } from '../../distribution/fixtures';
import { planRelease, publishedInfo, signedFileName } from './release-plan';
import { anchorGate } from './gate';

describe('publishedInfo', () => {
  it("reads the hub's description and a signed file's text alike", async () => {
    expect(publishedInfo({ sequence: 4, version: 2, keyId: 'abc', stage: 'everyone' })).toEqual({ sequence: 4, version: 2, keyId: 'abc' });
    const key = await generateSigningKey();
    const signed = await signPack(teamPack(2), key.privateKey, { sequence: 9 });
    expect(publishedInfo(signed)).toEqual({ sequence: 9, version: 2, keyId: key.keyId });
  });

  it('reads a plain pack (cuecard studio --against) as a version without a sequence', () => expect(publishedInfo(teamPack(2))).toEqual({ version: 2 }));

  it('treats anything else as nothing published', () => {
    for (const r of [null, undefined, 3, 'not json', { sequence: 'x', version: 1 }, { sequence: 1.5, version: 1 }]) expect(publishedInfo(r)).toBeUndefined();
  });
});

describe('planRelease', () => {
  it('proposes the pack version for a first release', () => expect(planRelease({ version: 3 }, undefined)).toEqual({ sequence: 3 }));
  it('proposes one above the published sequence, or the version when higher', () => {
    expect(planRelease({ version: 3 }, { sequence: 7, version: 2 })).toEqual({ sequence: 8 });
    expect(planRelease({ version: 12 }, { sequence: 7, version: 2 })).toEqual({ sequence: 12 });
  });
  it('proposes the version when the published sequence is unknown', () => expect(planRelease({ version: 3 }, { version: 2 })).toEqual({ sequence: 3 }));
  it('hints when the version was not raised', () =>
    expect(planRelease({ version: 2 }, { sequence: 7, version: 2 })).toEqual({ sequence: 8, versionHint: { published: 2, current: 2 } }));
  it('names the static file after id and version', () => expect(signedFileName({ id: 'acme.sop', version: 4 })).toBe('acme.sop-4.signed.json'));
});

describe('anchorGate', () => {
  const failure = { anchor: 'account-number', snapshot: 'account.json', matched: 2, message: 'matches 2 elements' };
  it('lets a pack with passing anchor tests through', () => expect(anchorGate([], undefined)).toEqual({ ok: true }));
  it('refuses failing tests without a reason, naming them', () => {
    const g = anchorGate([failure], '  ');
    expect(g).toMatchObject({ ok: false, code: 'anchors-fail' });
    expect(!g.ok && g.message).toContain('account-number (account.json)');
  });
  it('takes a trimmed reason of sensible length', () => {
    expect(anchorGate([failure], ' ok ')).toMatchObject({ ok: false, code: 'reason-too-short' });
    expect(anchorGate([failure], 'x'.repeat(501))).toMatchObject({ ok: false, code: 'reason-too-long' });
    expect(anchorGate([failure], '  CRM renames it Monday ')).toEqual({ ok: true, reason: 'CRM renames it Monday' });
  });
});
