import { beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey, signPack } from '../pack/sign';
import { evaluatePackText, type Held, type Trust } from './evaluate';
import { teamPack } from './fixtures';

const NOW = Date.parse('2026-06-01T00:00:00Z');
let key: Awaited<ReturnType<typeof generateSigningKey>>;
let trust: Trust;
const sign = (pack: unknown, sequence: number, extra: { expiresAt?: number } = {}) =>
  signPack(pack, key.privateKey, { sequence, signedAt: NOW - 60_000, ...extra });
const heldV1: Held = { latestVersion: 1, latestPack: teamPack(1), lastSequence: 1 };
const nothing = async () => undefined;

beforeAll(async () => {
  key = await generateSigningKey();
  trust = { keys: [{ publicKey: key.publicKey }], allowUnsigned: false };
});

describe('evaluatePackText', () => {
  it('accepts a signed first release and a newer one', async () => {
    expect(await evaluatePackText(await sign(teamPack(1), 1), { trust, now: NOW, held: nothing })).toMatchObject({
      kind: 'accept', signed: true, sequence: 1, keyId: key.keyId, sameContent: false, pack: { version: 1 },
    });
    const v2 = await evaluatePackText(await sign(teamPack(2), 2), { trust, now: NOW, held: async () => heldV1, expectedPackId: 'acme.team-b' });
    expect(v2).toMatchObject({ kind: 'accept', sequence: 2, pack: { version: 2 } });
  });

  it('calls the release already held, sent again, unchanged rather than a rollback', async () => {
    expect(await evaluatePackText(await sign(teamPack(1), 1), { trust, now: NOW, held: async () => heldV1 })).toEqual({ kind: 'unchanged', packId: 'acme.team-b' });
  });

  it('refuses an older sequence, an older version, and a new release that rewrites a version in use', async () => {
    const held2: Held = { latestVersion: 2, latestPack: teamPack(2), lastSequence: 2 };
    expect(await evaluatePackText(await sign(teamPack(1), 1), { trust, now: NOW, held: async () => held2 })).toMatchObject({ kind: 'refuse', code: 'rollback' });
    // Sequence is new, but the pack inside is version 1 while 2 is installed.
    expect(await evaluatePackText(await sign(teamPack(1), 3), { trust, now: NOW, held: async () => held2 })).toMatchObject({
      kind: 'refuse', code: 'rollback', message: expect.stringMatching(/version 1 .* version 2 is installed/),
    });
    const reworded = { ...teamPack(2), title: { 'zh-CN': '改名', en: 'Renamed' } };
    expect(await evaluatePackText(await sign(reworded, 3), { trust, now: NOW, held: async () => held2 })).toMatchObject({
      kind: 'refuse', code: 'version-reused', message: expect.stringMatching(/raise the pack's version/),
    });
    // Same content re-signed (say, to push the expiry out): stored, with nothing to announce.
    expect(await evaluatePackText(await sign(teamPack(2), 3), { trust, now: NOW, held: async () => held2 })).toMatchObject({ kind: 'accept', sameContent: true, sequence: 3 });
  });

  it('refuses tampered, expired, untrusted and mismatched files with the signing code', async () => {
    const good = await sign(teamPack(2), 2);
    const file = JSON.parse(good) as { payload: string };
    const bytes = Uint8Array.from(atob(file.payload), (c) => c.charCodeAt(0));
    bytes[bytes.length - 5]! ^= 1;
    const tampered = JSON.stringify({ ...file, payload: btoa(String.fromCharCode(...bytes)) });
    expect(await evaluatePackText(tampered, { trust, now: NOW, held: async () => heldV1 })).toMatchObject({ kind: 'refuse', code: 'bad-signature' });
    const expired = await sign(teamPack(2), 2, { expiresAt: NOW - 1 });
    expect(await evaluatePackText(expired, { trust, now: NOW, held: async () => heldV1 })).toMatchObject({ kind: 'refuse', code: 'expired' });
    const other = await generateSigningKey();
    const strangers = { keys: [{ publicKey: other.publicKey }], allowUnsigned: true };
    expect(await evaluatePackText(good, { trust: strangers, now: NOW, held: nothing })).toMatchObject({ kind: 'refuse', code: 'unknown-key' });
    expect(await evaluatePackText(good, { trust, now: NOW, held: nothing, expectedPackId: 'acme.team-a' })).toMatchObject({ kind: 'refuse', code: 'id-mismatch' });
    expect(await evaluatePackText('{"oops"', { trust, now: NOW, held: nothing })).toMatchObject({ kind: 'refuse', code: 'malformed' });
    // Broken JSON says where it broke.
    expect(await evaluatePackText('{\n  "format": 1,\n}', { trust, now: NOW, held: nothing })).toMatchObject({ message: expect.stringMatching(/line 3, column 1/) });
  });

  it('takes unsigned packs only where allowed, still checking validity and version', async () => {
    const plain = JSON.stringify(teamPack(2));
    expect(await evaluatePackText(plain, { trust, now: NOW, held: nothing })).toMatchObject({ kind: 'refuse', code: 'unsigned', message: expect.stringMatching(/not signed/) });
    const open = { ...trust, allowUnsigned: true };
    expect(await evaluatePackText(plain, { trust: open, now: NOW, held: async () => heldV1 })).toMatchObject({ kind: 'accept', signed: false, pack: { version: 2 } });
    expect(await evaluatePackText(JSON.stringify(teamPack(1)), { trust: open, now: NOW, held: async () => heldV1 })).toEqual({ kind: 'unchanged', packId: 'acme.team-b' });
    const broken = JSON.stringify({ ...teamPack(2), procedures: [] });
    expect(await evaluatePackText(broken, { trust: open, now: NOW, held: nothing })).toMatchObject({
      kind: 'refuse', code: 'invalid-pack', message: expect.stringMatching(/procedures: needs at least one procedure/),
    });
  });
});
