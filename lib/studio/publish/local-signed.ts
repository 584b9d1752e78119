/**
 * `POST api/signed` for `cuecard studio <folder>`: verify the release signed in the browser,
 * write it as `<folder>/<id>-<version>.signed.json` for a static host, and append any anchor
 * test override to `<folder>/publish-log.jsonl` (one JSON object per line: git shows who
 * published what, and why failing anchors were let through). Node only.
 */
import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import { AnchorFailure } from '../contract';
import { MAX_SIGNED_PACK_CHARS, verifySignedPack } from '../../pack/sign';
import { anchorGate } from './gate';
import { signedFileName } from './release-plan';

export const SignedRequest = v.object({
  signed: v.pipe(v.string(), v.maxLength(MAX_SIGNED_PACK_CHARS)),
  anchorFailures: v.pipe(v.array(AnchorFailure), v.maxLength(1000)),
  overrideReason: v.optional(v.string()),
  /** The signer's public key (raw, base64), derived in the browser from the private key. */
  publicKey: v.pipe(v.string(), v.maxLength(100)),
});

export type SignedResult = { status: 200; body: { file: string } } | { status: 400 | 409 | 422; body: { error: string; message: string } };

export async function writeSignedRelease(folder: string, request: unknown, now = Date.now()): Promise<SignedResult> {
  const req = v.safeParse(SignedRequest, request);
  if (!req.success) return { status: 400, body: { error: 'invalid', message: `Bad request: ${req.issues[0].message}` } };
  const { signed, anchorFailures, overrideReason, publicKey } = req.output;
  const gate = anchorGate(anchorFailures, overrideReason);
  if (!gate.ok) return { status: 409, body: { error: gate.code, message: gate.message } };
  // Check the signature against the signer's own key: a damaged file is refused here, not
  // found later by every agent. (Which keys agents trust is their policy, set in Options.)
  const verdict = await verifySignedPack(signed, [{ publicKey }], { now });
  if (!verdict.ok) return { status: 422, body: { error: verdict.code, message: verdict.message } };
  const file = signedFileName(verdict.pack);
  await writeFile(join(folder, file), signed);
  if (gate.reason) {
    const entry = {
      at: new Date(now).toISOString(),
      file,
      packId: verdict.packId,
      sequence: verdict.sequence,
      keyId: verdict.keyId,
      overrideReason: gate.reason,
      anchorFailures,
    };
    await appendFile(join(folder, 'publish-log.jsonl'), `${JSON.stringify(entry)}\n`);
  }
  return { status: 200, body: { file } };
}
