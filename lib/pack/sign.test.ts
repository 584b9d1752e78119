import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { requests } from '../messaging/protocol';
import { makeBigPack } from '../../test/bench/pack-gen';
import { MAX_PACK_BYTES } from './parse';
import { fromBase64, generateSigningKey, keyIdOf, MAX_SIGNED_PACK_CHARS, signPack, toBase64, verifySignedPack, type TrustedKey } from './sign';

const PACK = JSON.parse(readFileSync(resolve(__dirname, '../../test/fixtures/packs/basic/golden.json'), 'utf8')) as { id: string };
const NOW = Date.parse('2026-06-01T00:00:00Z');

let key: Awaited<ReturnType<typeof generateSigningKey>>;
let trusted: TrustedKey[];
let signed: string;

beforeAll(async () => {
  key = await generateSigningKey();
  trusted = [{ publicKey: key.publicKey }];
  signed = await signPack(PACK, key.privateKey, { sequence: 5, signedAt: NOW - 1000, expiresAt: Date.parse('2027-01-01') });
});

/** Edit the signed file's JSON fields. */
function edit(text: string, change: (f: Record<string, string>) => void): string {
  const file = JSON.parse(text) as Record<string, string>;
  change(file);
  return JSON.stringify(file);
}

describe('signPack / verifySignedPack', () => {
  it('makes a signed-pack/1 file with a 16-hex key id, and verifies it', async () => {
    const file = JSON.parse(signed) as Record<string, string>;
    expect(file.cuecard).toBe('signed-pack/1');
    expect(file.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(file.keyId).toBe(key.keyId);
    expect(file.keyId).toBe(await keyIdOf(key.publicKey));
    expect(fromBase64(key.publicKey)).toHaveLength(32);
    const r = await verifySignedPack(signed, trusted, { now: NOW, lastSequence: 4, expectedPackId: PACK.id });
    expect(r).toMatchObject({ ok: true, packId: PACK.id, sequence: 5, keyId: key.keyId, expiresAt: '2027-01-01T00:00:00.000Z' });
    if (r.ok) expect(r.pack).toEqual(PACK);
  });

  it('rejects one changed byte in the payload', async () => {
    const tampered = edit(signed, (f) => {
      const bytes = fromBase64(f.payload!);
      bytes[bytes.length - 40]! ^= 1;
      f.payload = toBase64(bytes);
    });
    expect(await verifySignedPack(tampered, trusted, { now: NOW })).toMatchObject({ ok: false, code: 'bad-signature' });
  });

  it('rejects a changed signature', async () => {
    const tampered = edit(signed, (f) => {
      const sig = fromBase64(f.signature!);
      sig[0]! ^= 0x80;
      f.signature = toBase64(sig);
    });
    expect(await verifySignedPack(tampered, trusted, { now: NOW })).toMatchObject({ ok: false, code: 'bad-signature' });
  });

  it('rejects base64 that decodes to the same bytes but is spelled differently', async () => {
    const spaced = edit(signed, (f) => void (f.payload = ` ${f.payload}`));
    expect(await verifySignedPack(spaced, trusted, { now: NOW })).toMatchObject({ ok: false, code: 'malformed' });
  });

  it('rejects a pack signed by a key that is not trusted', async () => {
    const other = await generateSigningKey();
    const r = await verifySignedPack(signed, [{ publicKey: other.publicKey }], { now: NOW });
    expect(r).toMatchObject({ ok: false, code: 'unknown-key' });
    if (!r.ok) expect(r.message).toContain(key.keyId);
    // Pointing keyId at a trusted key does not help: the signature is checked with that key.
    const relabelled = edit(signed, (f) => void (f.keyId = other.keyId));
    const both = [...trusted, { publicKey: other.publicKey }];
    expect(await verifySignedPack(relabelled, both, { now: NOW })).toMatchObject({ ok: false, code: 'bad-signature' });
  });

  it('rejects a rollback: a sequence not above the installed one', async () => {
    for (const lastSequence of [5, 9]) {
      const r = await verifySignedPack(signed, trusted, { now: NOW, lastSequence });
      expect(r).toMatchObject({ ok: false, code: 'rollback' });
    }
  });

  it('rejects an expired pack', async () => {
    const r = await verifySignedPack(signed, trusted, { now: Date.parse('2027-01-01T00:00:00Z') });
    expect(r).toMatchObject({ ok: false, code: 'expired' });
    if (!r.ok) expect(r.message).toContain('2027-01-01');
  });

  it('rejects a pack for another pack id', async () => {
    expect(await verifySignedPack(signed, trusted, { now: NOW, expectedPackId: 'other.pack' })).toMatchObject({ ok: false, code: 'id-mismatch' });
  });

  it('calls a plain pack unsigned, and a file without signature malformed', async () => {
    expect(await verifySignedPack(JSON.stringify(PACK), trusted, { now: NOW })).toMatchObject({ ok: false, code: 'unsigned' });
    const noSig = edit(signed, (f) => void delete f.signature);
    expect(await verifySignedPack(noSig, trusted, { now: NOW })).toMatchObject({ ok: false, code: 'malformed' });
  });

  it('rejects text that is not JSON, or an unknown signed format', async () => {
    expect(await verifySignedPack('{"cuecard": "signed-pack/1", ', trusted, { now: NOW })).toMatchObject({ ok: false, code: 'malformed' });
    const future = edit(signed, (f) => void (f.cuecard = 'signed-pack/2'));
    const r = await verifySignedPack(future, trusted, { now: NOW });
    expect(r).toMatchObject({ ok: false, code: 'malformed' });
    if (!r.ok) expect(r.message).toMatch(/Update Cuecard/);
  });

  it('rejects a correctly signed payload whose pack is invalid', async () => {
    // Sign by hand: signPack itself refuses invalid packs.
    const pkcs8 = fromBase64(key.privateKey) as BufferSource;
    const sk = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, false, ['sign']);
    const payload = { packId: PACK.id, sequence: 1, signedAt: new Date(NOW).toISOString(), pack: { ...PACK, version: 0 } };
    const bytes = new TextEncoder().encode(JSON.stringify(payload));
    const signature = new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, sk, bytes));
    const file = JSON.stringify({ cuecard: 'signed-pack/1', payload: toBase64(bytes), signature: toBase64(signature), keyId: key.keyId });
    const r = await verifySignedPack(file, trusted, { now: NOW });
    expect(r).toMatchObject({ ok: false, code: 'invalid-pack' });
    if (!r.ok) expect(r.message).toContain('version');
  });

  it('refuses to sign an invalid pack or a bad sequence', async () => {
    await expect(signPack({ ...PACK, id: 'Bad Id' }, key.privateKey, { sequence: 1 })).rejects.toThrow(/not valid/);
    await expect(signPack(PACK, key.privateKey, { sequence: 0 })).rejects.toThrow(/sequence/);
  });
});

describe('the largest pack, signed', () => {
  it('fits the import limit: a pack just under 5 MB, signed, goes through the pack.import message and verifies', async () => {
    const pack = makeBigPack(1900);
    const packText = JSON.stringify(pack);
    const bytes = new TextEncoder().encode(packText).length;
    expect(bytes).toBeGreaterThan(4.9 * 1024 * 1024);
    expect(bytes).toBeLessThanOrEqual(MAX_PACK_BYTES);
    const key = await generateSigningKey();
    const file = await signPack(JSON.parse(packText), key.privateKey, { sequence: 1 });
    expect(file.length).toBeGreaterThan(6_000_000); // the old limit, which refused it
    expect(file.length).toBeLessThanOrEqual(MAX_SIGNED_PACK_CHARS);
    expect(v.safeParse(requests['pack.import'].schema, { text: file }).success).toBe(true);
    const r = await verifySignedPack(file, [{ publicKey: key.publicKey }], { now: Date.now() });
    expect(r.ok && r.pack.procedures.length).toBe(1900);
  }, 60_000);
});
