/**
 * Signed packs: Ed25519 over the exact payload bytes, with WebCrypto only, so the same code
 * signs in the CLI (Node 20) and verifies in the extension's service worker.
 *
 * File: {"cuecard":"signed-pack/1","payload":<base64 JSON bytes>,"signature":…,"keyId":…}.
 * The payload is kept as bytes (not re-serialised JSON) because JSON has many spellings of
 * one value; signing bytes means any changed byte fails.
 */
import { anyPackIdMatches } from './pack-id-pattern';
import { MAX_PACK_BYTES, parsePack } from './parse';
import type { Pack } from './schema';

export const SIGNED_PACK_TAG = 'signed-pack/1';

/**
 * The longest signed file that can hold a pack of MAX_PACK_BYTES: its payload is the pack
 * re-serialised (defaults filled in: 5 % headroom) plus the payload's own fields, in base64
 * (4 characters per 3 bytes), plus the signature, key id and indentation. The limit of the
 * import message (lib/messaging/protocol.ts) and of a file picked in Options.
 */
export const MAX_SIGNED_PACK_CHARS = 4 * Math.ceil((MAX_PACK_BYTES * 1.05 + 64 * 1024) / 3) + 4096;
const ED25519 = { name: 'Ed25519' } as const;

export interface SignedPayload {
  packId: string;
  sequence: number;
  /**
   * ISO 8601. From then on extensions refuse this file as a new install; a copy installed
   * before stays in use with a standing "expired" notice (README, team lead's guide).
   */
  expiresAt?: string;
  signedAt: string;
  pack: unknown;
}

export interface TrustedKey {
  /** Informational; the key is matched by the id computed from `publicKey`. */
  id?: string;
  /** Raw 32-byte Ed25519 public key, base64 (the one line in KEY.pub). */
  publicKey: string;
  /**
   * The pack ids this key may sign (lib/pack/pack-id-pattern.ts). Undefined: any id, for
   * callers that check one file against one key (the CLI's `pack verify`); the extension
   * always passes a list.
   */
  packIds?: readonly string[];
}

export type VerifyFailure =
  'malformed' | 'bad-signature' | 'unknown-key' | 'key-not-bound' | 'rollback' | 'expired' | 'invalid-pack' | 'unsigned' | 'id-mismatch';

export type VerifyResult<K extends TrustedKey = TrustedKey> =
  | { ok: true; pack: Pack; packId: string; sequence: number; keyId: string; signedAt: string; expiresAt?: string; trusted: K }
  | { ok: false; code: VerifyFailure; message: string };

export interface VerifyOptions {
  now: number;
  /**
   * Highest sequence already installed of this pack id from the key that signed the file (the
   * caller reads the key id from the file; the signature check then proves it). Only a higher
   * one is accepted. Per key, so another key's huge sequence never blocks this one.
   */
  lastSequence?: number;
  expectedPackId?: string;
}

/** A new key pair: PKCS8 private key and raw public key, both base64. */
export async function generateSigningKey(): Promise<{ privateKey: string; publicKey: string; keyId: string }> {
  const pair = (await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify'])) as CryptoKeyPair;
  const publicKey = toBase64(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)));
  const privateKey = toBase64(new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey)));
  return { privateKey, publicKey, keyId: await keyIdOf(publicKey) };
}

/** First 16 hex digits of SHA-256 of the raw public key: short enough to read out on a call. */
export async function keyIdOf(publicKey: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', fromBase64(publicKey) as BufferSource));
  return [...digest.slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Sign a valid pack. `privateKey` is the base64 PKCS8 text of a KEY file, or an
 * extractable CryptoKey (its public half gives the keyId). Throws on an invalid pack or
 * key: signing is an author's deliberate act, not a runtime path.
 */
export async function signPack(
  packJson: unknown,
  privateKey: string | CryptoKey,
  opts: { sequence: number; expiresAt?: number; signedAt?: number },
): Promise<string> {
  const parsed = parsePack(packJson);
  if (!parsed.ok) throw new Error(`the pack is not valid: ${parsed.errors[0]?.path}: ${parsed.errors[0]?.message}`);
  if (!Number.isSafeInteger(opts.sequence) || opts.sequence < 1) throw new RangeError('sequence must be a whole number of at least 1');
  const key =
    typeof privateKey === 'string' ? await crypto.subtle.importKey('pkcs8', fromBase64(privateKey) as BufferSource, ED25519, true, ['sign']) : privateKey;
  // The public half travels in the private key's JWK export (`x`), so KEY alone can sign.
  const { x } = await crypto.subtle.exportKey('jwk', key);
  if (!x) throw new Error('the private key does not carry its public key');
  const payload: SignedPayload = { packId: parsed.pack.id, sequence: opts.sequence, signedAt: iso(opts.signedAt ?? Date.now()), pack: parsed.pack };
  if (opts.expiresAt !== undefined) payload.expiresAt = iso(opts.expiresAt);
  const bytes = new TextEncoder().encode(JSON.stringify(payload));
  const signature = new Uint8Array(await crypto.subtle.sign(ED25519, key, bytes));
  const file = { cuecard: SIGNED_PACK_TAG, payload: toBase64(bytes), signature: toBase64(signature), keyId: await keyIdOf(base64UrlToBase64(x)) };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export async function verifySignedPack<K extends TrustedKey>(text: string, trustedKeys: readonly K[], opts: VerifyOptions): Promise<VerifyResult<K>> {
  const env = readSignedEnvelope(text);
  if (!env.ok) return env;
  const { payload, bytes, signature, keyId } = env;
  let key: CryptoKey | undefined;
  let trusted: K | undefined;
  for (const candidate of trustedKeys) {
    const raw = tryBase64(candidate.publicKey.trim());
    if (raw?.length !== 32 || (await keyIdOf(candidate.publicKey.trim())) !== keyId) continue;
    key = await crypto.subtle.importKey('raw', raw as BufferSource, ED25519, false, ['verify']);
    trusted = candidate;
    break;
  }
  if (!key || !trusted)
    return fail(
      'unknown-key',
      `This pack was signed with key ${keyId}, which is not one of the trusted keys. Check that you have the team lead's current public key.`,
    );
  const good = await crypto.subtle.verify(ED25519, key, signature as BufferSource, bytes as BufferSource).catch(() => false);
  if (!good)
    return fail(
      'bad-signature',
      'The signature does not match: the file was changed after it was signed. Do not use it; get a fresh copy from your team lead.',
    );
  if (!payload) return fail('malformed', 'The signed content is not a Cuecard pack payload.');
  const { packId, sequence } = payload;
  if (opts.expectedPackId !== undefined && packId !== opts.expectedPackId) {
    return fail('id-mismatch', `This file contains pack "${packId}", but pack "${opts.expectedPackId}" was expected from this source.`);
  }
  if (trusted.packIds !== undefined && !anyPackIdMatches(trusted.packIds, packId)) {
    const bound = trusted.packIds.length ? `it may sign only ${trusted.packIds.map((p) => `"${p}"`).join(', ')}` : 'it is bound to no pack id';
    return fail(
      'key-not-bound',
      `Key ${keyId} signed pack "${packId}", but ${bound}. If your team lead really publishes "${packId}" with this key, add the pack id to the key in Cuecard's options.`,
    );
  }
  if (opts.lastSequence !== undefined && sequence <= opts.lastSequence) {
    return fail(
      'rollback',
      `This is release ${sequence} of pack "${packId}" from key ${keyId}, but release ${opts.lastSequence} from that key is already installed; an older or repeated release cannot replace it.`,
    );
  }
  if (payload.expiresAt !== undefined && opts.now >= Date.parse(payload.expiresAt)) {
    return fail('expired', `This pack expired on ${payload.expiresAt.slice(0, 10)}. Ask your team lead for a newer signed pack.`);
  }
  const parsed = parsePack(payload.pack);
  if (!parsed.ok) return fail('invalid-pack', `The signed pack is not a valid pack (${parsed.errors[0]?.path}: ${parsed.errors[0]?.message}).`);
  if (parsed.pack.id !== packId) return fail('id-mismatch', `The signature is for pack "${packId}" but the file holds pack "${parsed.pack.id}".`);
  const ok: VerifyResult<K> = { ok: true, pack: parsed.pack, packId, sequence, keyId, signedAt: payload.signedAt, trusted };
  return payload.expiresAt === undefined ? ok : { ...ok, expiresAt: payload.expiresAt };
}

type Envelope =
  { ok: true; payload?: SignedPayload; bytes: Uint8Array; signature: Uint8Array; keyId: string } | { ok: false; code: VerifyFailure; message: string };

/**
 * Unpack a signed file WITHOUT checking the signature — for showing or diffing only.
 * `payload` is undefined when the signed bytes are not a payload object.
 */
export function readSignedEnvelope(text: string): Envelope {
  let file: unknown;
  try {
    file = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return fail('malformed', 'This is not a pack file: it is not valid JSON.');
  }
  if (typeof file !== 'object' || file === null || Array.isArray(file)) return fail('malformed', 'This is not a pack file.');
  const f = file as Record<string, unknown>;
  if (f.cuecard === undefined) {
    return 'procedures' in f || 'format' in f
      ? fail('unsigned', 'This pack is not signed. Only signed packs (made with "cuecard pack sign") are accepted.')
      : fail('malformed', 'This is not a Cuecard pack file.');
  }
  if (f.cuecard !== SIGNED_PACK_TAG)
    return fail('malformed', `This signed pack uses format "${String(f.cuecard)}", which this version of Cuecard cannot read. Update Cuecard.`);
  const bytes = typeof f.payload === 'string' ? tryBase64(f.payload) : undefined;
  const signature = typeof f.signature === 'string' ? tryBase64(f.signature) : undefined;
  if (!bytes || !signature || typeof f.keyId !== 'string') {
    return fail('malformed', 'This signed pack file is damaged: its payload, signature or keyId is missing or not base64.');
  }
  return { ok: true, payload: readPayload(bytes), bytes, signature, keyId: f.keyId };
}

function readPayload(bytes: Uint8Array): SignedPayload | undefined {
  try {
    const p = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as Partial<SignedPayload> | null;
    const isDate = (s: unknown) => typeof s === 'string' && !Number.isNaN(Date.parse(s));
    if (!p || typeof p.packId !== 'string' || !Number.isSafeInteger(p.sequence) || !isDate(p.signedAt)) return undefined;
    if (p.expiresAt !== undefined && !isDate(p.expiresAt)) return undefined;
    return p as SignedPayload;
  } catch {
    return undefined;
  }
}

const fail = (code: VerifyFailure, message: string) => ({ ok: false as const, code, message });
const iso = (ms: number) => new Date(ms).toISOString();

export function toBase64(bytes: Uint8Array): string {
  let bin = '';
  // Chunked: String.fromCharCode(...bytes) overflows the stack on multi-megabyte packs.
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export function fromBase64(b64: string): Uint8Array {
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

/** Canonical base64 only: atob skips spaces and loose padding bits, which would let a
 *  file change without changing the bytes we check. */
function tryBase64(s: string): Uint8Array | undefined {
  try {
    const bytes = fromBase64(s);
    return toBase64(bytes) === s ? bytes : undefined;
  } catch {
    return undefined;
  }
}

function base64UrlToBase64(s: string): string {
  const b = s.replace(/-/g, '+').replace(/_/g, '/');
  return b + '='.repeat((4 - (b.length % 4)) % 4);
}
