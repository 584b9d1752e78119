/**
 * Whether a pack file may replace what is installed: signature, trust, expiry, rollback,
 * and version consistency (runs stay on the version they started with, so a version's
 * content can never change under them). Shared by subscriptions and by hand imports.
 */
import { parsePackText } from '../pack/parse';
import type { Pack } from '../pack/schema';
import { readSignedEnvelope, verifySignedPack, type TrustedKey, type VerifyFailure } from '../pack/sign';
import { sameJson } from './same-json';

/** What is installed of one pack id. */
export interface Held {
  latestVersion: number;
  latestPack: Pack;
  /** Highest signed release sequence installed; undefined when only unsigned versions are held. */
  lastSequence?: number;
}

export interface Trust {
  keys: TrustedKey[];
  allowUnsigned: boolean;
}

export type RefusalCode = VerifyFailure | 'version-reused';

export type Verdict =
  | {
      kind: 'accept';
      pack: Pack;
      signed: boolean;
      sequence?: number;
      keyId?: string;
      expiresAt?: string;
      /** A re-signed release of content already installed (e.g. a later expiry): store it, announce nothing. */
      sameContent: boolean;
    }
  /** The file holds what is installed already (a server without ETag sends it again). */
  | { kind: 'unchanged'; packId: string }
  | { kind: 'refuse'; code: RefusalCode; message: string };

export interface EvaluateOptions {
  trust: Trust;
  now: number;
  held: (packId: string) => Promise<Held | undefined>;
  /** A subscription that delivered pack X must keep delivering X. */
  expectedPackId?: string;
}

const refuse = (code: RefusalCode, message: string): Verdict => ({ kind: 'refuse', code, message });

function syntaxError(text: string): string | undefined {
  const parsed = parsePackText(text);
  const first = parsed.ok ? undefined : parsed.errors[0];
  return first?.line === undefined ? undefined : first.message;
}

export async function evaluatePackText(text: string, opts: EvaluateOptions): Promise<Verdict> {
  const env = readSignedEnvelope(text);
  if (!env.ok) {
    // Broken JSON: say where (line and column), not only that it is broken.
    const where = env.code === 'malformed' ? syntaxError(text) : undefined;
    if (where) return refuse(env.code, `This is not a pack file: ${where}.`);
    if (env.code !== 'unsigned') return refuse(env.code, env.message);
    if (!opts.trust.allowUnsigned) {
      return refuse('unsigned', 'This pack is not signed, and unsigned packs are not allowed here. Ask your team lead for the signed file (made with "cuecard pack sign").');
    }
    const parsed = parsePackText(text);
    if (!parsed.ok) {
      const list = parsed.errors.slice(0, 5).map((e) => `${e.path || '(pack)'}: ${e.message}`).join('; ');
      return refuse('invalid-pack', `The pack is not valid: ${list}`);
    }
    if (opts.expectedPackId !== undefined && parsed.pack.id !== opts.expectedPackId) {
      return refuse('id-mismatch', `This file contains pack "${parsed.pack.id}", but pack "${opts.expectedPackId}" was expected from this address.`);
    }
    return byVersion(parsed.pack, await opts.held(parsed.pack.id), { signed: false });
  }
  const claimed = env.payload;
  const held = claimed ? await opts.held(claimed.packId) : undefined;
  const res = await verifySignedPack(text, opts.trust.keys, { now: opts.now, lastSequence: held?.lastSequence, expectedPackId: opts.expectedPackId });
  if (!res.ok) {
    // The release we already have, sent again (and authentic: rollback is only reported
    // after the signature checked out): nothing to do, and nothing wrong.
    if (res.code === 'rollback' && held && claimed && claimed.sequence === held.lastSequence && sameJson(claimed.pack, held.latestPack)) {
      return { kind: 'unchanged', packId: claimed.packId };
    }
    return refuse(res.code, res.message);
  }
  return byVersion(res.pack, held, { signed: true, sequence: res.sequence, keyId: res.keyId, expiresAt: res.expiresAt });
}

function byVersion(pack: Pack, held: Held | undefined, meta: { signed: boolean; sequence?: number; keyId?: string; expiresAt?: string }): Verdict {
  const accept = (sameContent: boolean): Verdict => ({ kind: 'accept', pack, sameContent, ...defined(meta) });
  if (!held || pack.version > held.latestVersion) return accept(false);
  if (pack.version < held.latestVersion) {
    return refuse('rollback', `This file holds version ${pack.version} of pack "${pack.id}", but version ${held.latestVersion} is installed; an older version cannot replace it.`);
  }
  if (!sameJson(pack, held.latestPack)) {
    return refuse(
      'version-reused',
      `This release changes pack "${pack.id}" but keeps its version ${pack.version}, which agents already use. Ask your team lead to raise the pack's version and publish again.`,
    );
  }
  // Signed: verification already ensured the sequence is new. Unsigned: the same file again.
  return meta.signed ? accept(true) : { kind: 'unchanged', packId: pack.id };
}

function defined<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}
