import { beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey, signPack } from '../pack/sign';
import type { Pack } from '../pack/schema';
import { evaluatePackText, type Installed, type Trust, type TrustedKeyGrant } from './evaluate';
import { teamPack } from './fixtures';

const NOW = Date.parse('2026-06-01T00:00:00Z');
const MAX = Number.MAX_SAFE_INTEGER; // 2^53 − 1
type Key = Awaited<ReturnType<typeof generateSigningKey>>;
let key: Key;
let company: Key;
let rogue: Key;
let trust: Trust;
const grant = (k: Key, source: 'policy' | 'agent', packIds: string[]): TrustedKeyGrant => ({ publicKey: k.publicKey, keyId: k.keyId, source, packIds });
const signWith = (k: Key, pack: unknown, sequence: number, extra: { expiresAt?: number } = {}) =>
  signPack(pack, k.privateKey, { sequence, signedAt: NOW - 60_000, ...extra });
const sign = (pack: unknown, sequence: number, extra: { expiresAt?: number } = {}) => signWith(key, pack, sequence, extra);
const release = (version: number): Pack => ({ ...teamPack(2), version });
const row = (pack: Pack, k?: Key, sequence?: number): Installed => ({ version: pack.version, pack, ...(k ? { keyId: k.keyId, sequence } : {}) });
const heldV1 = [row(teamPack(1), undefined)];
const nothing = async () => [];
const holding =
  (...rows: Installed[]) =>
  async () =>
    rows;

beforeAll(async () => {
  [key, company, rogue] = await Promise.all([generateSigningKey(), generateSigningKey(), generateSigningKey()]);
  trust = { keys: [grant(key, 'agent', ['acme.team-b'])], allowUnsigned: false };
  heldV1[0] = row(teamPack(1), key, 1);
});

describe('evaluatePackText', () => {
  it('accepts a signed first release and a newer one', async () => {
    expect(await evaluatePackText(await sign(teamPack(1), 1), { trust, now: NOW, held: nothing })).toMatchObject({
      kind: 'accept',
      signed: true,
      sequence: 1,
      keyId: key.keyId,
      sameContent: false,
      pack: { version: 1 },
    });
    const v2 = await evaluatePackText(await sign(teamPack(2), 2), { trust, now: NOW, held: holding(...heldV1), expectedPackId: 'acme.team-b' });
    expect(v2).toMatchObject({ kind: 'accept', sequence: 2, pack: { version: 2 } });
  });

  it('calls the release already held, sent again, unchanged rather than a rollback', async () => {
    expect(await evaluatePackText(await sign(teamPack(1), 1), { trust, now: NOW, held: holding(...heldV1) })).toEqual({
      kind: 'unchanged',
      packId: 'acme.team-b',
    });
  });

  it('refuses an older sequence, an older version, and a new release that rewrites a version in use', async () => {
    const held2 = holding(row(teamPack(2), key, 2));
    expect(await evaluatePackText(await sign(teamPack(1), 1), { trust, now: NOW, held: held2 })).toMatchObject({ kind: 'refuse', code: 'rollback' });
    // Sequence is new, but the pack inside is version 1 while 2 is installed.
    expect(await evaluatePackText(await sign(teamPack(1), 3), { trust, now: NOW, held: held2 })).toMatchObject({
      kind: 'refuse',
      code: 'rollback',
      message: expect.stringMatching(/version 1 .* version 2 is installed/),
    });
    const reworded = { ...teamPack(2), title: { 'zh-CN': '改名', en: 'Renamed' } };
    expect(await evaluatePackText(await sign(reworded, 3), { trust, now: NOW, held: held2 })).toMatchObject({
      kind: 'refuse',
      code: 'version-reused',
      message: expect.stringMatching(/raise the pack's version/),
    });
    // Same content re-signed (say, to push the expiry out): stored, with nothing to announce.
    expect(await evaluatePackText(await sign(teamPack(2), 3), { trust, now: NOW, held: held2 })).toMatchObject({
      kind: 'accept',
      sameContent: true,
      sequence: 3,
    });
  });

  it('refuses tampered, expired, untrusted and mismatched files with the signing code', async () => {
    const good = await sign(teamPack(2), 2);
    const file = JSON.parse(good) as { payload: string };
    const bytes = Uint8Array.from(atob(file.payload), (c) => c.charCodeAt(0));
    bytes[bytes.length - 5]! ^= 1;
    const tampered = JSON.stringify({ ...file, payload: btoa(String.fromCharCode(...bytes)) });
    expect(await evaluatePackText(tampered, { trust, now: NOW, held: holding(...heldV1) })).toMatchObject({ kind: 'refuse', code: 'bad-signature' });
    const expired = await sign(teamPack(2), 2, { expiresAt: NOW - 1 });
    expect(await evaluatePackText(expired, { trust, now: NOW, held: holding(...heldV1) })).toMatchObject({ kind: 'refuse', code: 'expired' });
    const strangers = { keys: [grant(company, 'policy', ['*'])], allowUnsigned: true };
    expect(await evaluatePackText(good, { trust: strangers, now: NOW, held: nothing })).toMatchObject({ kind: 'refuse', code: 'unknown-key' });
    expect(await evaluatePackText(good, { trust, now: NOW, held: nothing, expectedPackId: 'acme.team-a' })).toMatchObject({
      kind: 'refuse',
      code: 'id-mismatch',
    });
    expect(await evaluatePackText('{"oops"', { trust, now: NOW, held: nothing })).toMatchObject({ kind: 'refuse', code: 'malformed' });
    // Broken JSON says where it broke.
    expect(await evaluatePackText('{\n  "format": 1,\n}', { trust, now: NOW, held: nothing })).toMatchObject({
      message: expect.stringMatching(/line 3, column 1/),
    });
  });

  it('takes unsigned packs only where allowed, still checking validity and version', async () => {
    const plain = JSON.stringify(teamPack(2));
    expect(await evaluatePackText(plain, { trust, now: NOW, held: nothing })).toMatchObject({
      kind: 'refuse',
      code: 'unsigned',
      message: expect.stringMatching(/not signed/),
    });
    const open = { ...trust, allowUnsigned: true };
    const unsignedV1 = holding(row(teamPack(1)));
    expect(await evaluatePackText(plain, { trust: open, now: NOW, held: unsignedV1 })).toMatchObject({ kind: 'accept', signed: false, pack: { version: 2 } });
    expect(await evaluatePackText(JSON.stringify(teamPack(1)), { trust: open, now: NOW, held: unsignedV1 })).toEqual({
      kind: 'unchanged',
      packId: 'acme.team-b',
    });
    const broken = JSON.stringify({ ...teamPack(2), procedures: [] });
    expect(await evaluatePackText(broken, { trust: open, now: NOW, held: nothing })).toMatchObject({
      kind: 'refuse',
      code: 'invalid-pack',
      message: expect.stringMatching(/procedures: needs at least one procedure/),
    });
  });
});

describe('trust model (issue 10)', () => {
  it('refuses a key not bound to the pack id, naming the key and the pack', async () => {
    const elsewhere = { keys: [grant(key, 'agent', ['acme.team-a', 'other.*'])], allowUnsigned: false };
    const verdict = await evaluatePackText(await sign(teamPack(1), 1), { trust: elsewhere, now: NOW, held: nothing });
    expect(verdict).toMatchObject({ kind: 'refuse', code: 'key-not-bound' });
    expect(verdict.kind === 'refuse' && verdict.message).toBe(
      `Key ${key.keyId} signed pack "acme.team-b", but it may sign only "acme.team-a", "other.*". If your team lead really publishes "acme.team-b" with this key, add the pack id to the key in Cuecard's options.`,
    );
    // A key saved before bindings existed is bound to nothing.
    const legacy = { keys: [grant(key, 'agent', [])], allowUnsigned: false };
    expect(await evaluatePackText(await sign(teamPack(1), 1), { trust: legacy, now: NOW, held: nothing })).toMatchObject({
      kind: 'refuse',
      code: 'key-not-bound',
      message: expect.stringMatching(/it is bound to no pack id/),
    });
    // A namespace binds every id under it.
    const ns = { keys: [grant(key, 'agent', ['acme.*'])], allowUnsigned: false };
    expect(await evaluatePackText(await sign(teamPack(1), 1), { trust: ns, now: NOW, held: nothing })).toMatchObject({ kind: 'accept' });
  });

  it('a rogue key at sequence 2^53−1 and version 9999 locks out nobody else: the company key still installs', async () => {
    const both = {
      keys: [grant(company, 'policy', ['acme.*']), grant(rogue, 'agent', ['acme.team-b']), grant(key, 'agent', ['acme.team-b'])],
      allowUnsigned: false,
    };
    const rogueFile = await signWith(rogue, release(9999), MAX);
    expect(await evaluatePackText(rogueFile, { trust: both, now: NOW, held: nothing })).toMatchObject({ kind: 'accept', sequence: MAX });
    const afterRogue = holding(row(release(9999), rogue, MAX));
    // The company's v4 at sequence 4: its own counter, and a higher rank than the rogue's v9999.
    expect(await evaluatePackText(await signWith(company, release(4), 4), { trust: both, now: NOW, held: afterRogue })).toMatchObject({
      kind: 'accept',
      keyId: company.keyId,
      pack: { version: 4 },
    });
    // Once the company has a release, every agent key is refused for that id (a fresh one too).
    const afterCompany = holding(row(release(9999), rogue, MAX), row(release(4), company, 4));
    const again = await evaluatePackText(await sign(release(10_000), 1), { trust: both, now: NOW, held: afterCompany });
    expect(again).toMatchObject({
      kind: 'refuse',
      code: 'outranked',
      message: expect.stringContaining(`key ${key.keyId}, added in this browser, cannot replace it`),
    });
    // The company goes on at its own pace.
    expect(await evaluatePackText(await signWith(company, release(5), 5), { trust: both, now: NOW, held: afterCompany })).toMatchObject({
      kind: 'accept',
      pack: { version: 5 },
    });
    // And its own rollback protection still holds.
    expect(await evaluatePackText(await signWith(company, release(6), 4), { trust: both, now: NOW, held: afterCompany })).toMatchObject({
      kind: 'refuse',
      code: 'rollback',
    });
  });

  it('counts sequences per key: another key of the same rank is not blocked by a huge sequence, but versions still rise', async () => {
    const two = { keys: [grant(rogue, 'agent', ['acme.team-b']), grant(key, 'agent', ['acme.team-b'])], allowUnsigned: false };
    const held = holding(row(release(3), rogue, MAX));
    expect(await evaluatePackText(await sign(release(4), 1), { trust: two, now: NOW, held })).toMatchObject({ kind: 'accept', sequence: 1 });
    expect(await evaluatePackText(await sign(release(2), 1), { trust: two, now: NOW, held })).toMatchObject({
      kind: 'refuse',
      code: 'rollback',
      message: expect.stringMatching(/version 2 .* version 3 is installed/),
    });
  });

  it('never lets an unsigned file replace a signed release, whatever its version', async () => {
    const open = { ...trust, allowUnsigned: true };
    const verdict = await evaluatePackText(JSON.stringify(release(99)), { trust: open, now: NOW, held: holding(...heldV1) });
    expect(verdict).toMatchObject({
      kind: 'refuse',
      code: 'signed-installed',
      message: expect.stringMatching(/an unsigned file never replaces a signed release/),
    });
    // Nor with an unsigned release beside the signed one.
    expect(await evaluatePackText(JSON.stringify(release(99)), { trust: open, now: NOW, held: holding(...heldV1, row(release(50))) })).toMatchObject({
      code: 'signed-installed',
    });
    // A signed release always installs over unsigned ones, even with a lower version.
    expect(await evaluatePackText(await sign(teamPack(1), 1), { trust: open, now: NOW, held: holding(row(release(99))) })).toMatchObject({
      kind: 'accept',
      pack: { version: 1 },
    });
  });

  it('stops counting releases whose key is no longer trusted (or no longer bound)', async () => {
    const open = { keys: [grant(key, 'agent', ['acme.team-b'])], allowUnsigned: true };
    const byRemoved = holding(row(release(9999), rogue, MAX));
    // The rogue key was removed: its release blocks neither an unsigned file nor a trusted key.
    expect(await evaluatePackText(JSON.stringify(release(2)), { trust: open, now: NOW, held: byRemoved })).toMatchObject({ kind: 'accept', signed: false });
    expect(await evaluatePackText(await sign(release(2), 1), { trust: open, now: NOW, held: byRemoved })).toMatchObject({ kind: 'accept', signed: true });
    // A policy key's release stops outranking agent keys once policy drops (or unbinds) that key.
    const agentOnly = { keys: [grant(key, 'agent', ['acme.team-b']), grant(company, 'policy', ['other.*'])], allowUnsigned: false };
    expect(await evaluatePackText(await sign(release(2), 1), { trust: agentOnly, now: NOW, held: holding(row(release(7), company, 7)) })).toMatchObject({
      kind: 'accept',
    });
  });
});
