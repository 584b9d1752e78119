/**
 * The team's signing key, read from the file `cuecard pack keygen` wrote (lib/cli/pack-keys.ts:
 * one line of base64 PKCS8) — in the lead's browser, so the private key is never uploaded.
 * A PEM wrapper is accepted too. The public key file (KEY.pub, 32 raw bytes) is the usual
 * mix-up, so it gets its own message.
 */
import { fromBase64, keyIdOf } from '../../pack/sign';

export type KeyFileError = 'empty' | 'public-key' | 'not-a-key';
export type LoadedKey = { ok: true; key: CryptoKey; keyId: string; publicKey: string } | { ok: false; code: KeyFileError; message: string };

/** A key file is one short line; anything much longer is some other file. */
const MAX_KEY_CHARS = 4096;

export async function readKeyFile(text: string): Promise<LoadedKey> {
  const body = text
    .replace(/^\uFEFF/, '')
    .replace(/-----(BEGIN|END) PRIVATE KEY-----/g, '')
    .replace(/\s+/g, '');
  if (!body) return fail('empty', 'The key file is empty. Choose the private key file that "cuecard pack keygen" wrote.');
  if (text.length > MAX_KEY_CHARS || !/^[A-Za-z0-9+/]+={0,2}$/.test(body)) {
    return fail('not-a-key', 'This file is not a signing key. Choose the private key file that "cuecard pack keygen" wrote (one line of letters and digits).');
  }
  const bytes = decode(body);
  if (bytes?.length === 32) {
    return fail('public-key', 'This is a public key (KEY.pub): it can check signatures but not sign. Choose the private key file, the one without ".pub".');
  }
  try {
    // Extractable: signPack reads the public half from the key's JWK export to name the key id.
    const key = await crypto.subtle.importKey('pkcs8', bytes as BufferSource, { name: 'Ed25519' }, true, ['sign']);
    const { x } = await crypto.subtle.exportKey('jwk', key);
    if (!x) throw new Error('no public half');
    const publicKey = base64UrlToBase64(x);
    return { ok: true, key, keyId: await keyIdOf(publicKey), publicKey };
  } catch {
    return fail('not-a-key', 'This file is not an Ed25519 private key from "cuecard pack keygen".');
  }
}

function decode(b64: string): Uint8Array | undefined {
  try {
    return fromBase64(b64);
  } catch {
    return undefined;
  }
}

function base64UrlToBase64(s: string): string {
  const b = s.replace(/-/g, '+').replace(/_/g, '/');
  return b + '='.repeat((4 - (b.length % 4)) % 4);
}

const fail = (code: KeyFileError, message: string) => ({ ok: false as const, code, message });
