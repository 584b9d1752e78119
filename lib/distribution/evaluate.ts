/**
 * Whether a pack file may be installed beside what is installed: signature, trust (the key is
 * trusted and bound to the pack id), rank (lib/distribution/rank.ts: policy keys over agent keys over
 * unsigned), expiry, per-key rollback, and version consistency within a rank (runs stay on the
 * version they started with, so a version's content can never change under them). Shared by
 * subscriptions and by hand imports.
 */
import { parsePackText } from '../pack/parse';
import type { Pack } from '../pack/schema';
import { readSignedEnvelope, verifySignedPack, type TrustedKey, type VerifyFailure } from '../pack/sign';
import { admit, grantIndex, lastSequenceOf, RANK, type Grant, type ReleaseRef } from './rank';
import { sameJson } from './same-json';

/** One installed release of a pack id. */
export interface Installed extends ReleaseRef {
  pack: Pack;
}

/** A trusted key with what it may sign and who set it (pack-config.ts builds these). */
export type TrustedKeyGrant = TrustedKey & Grant;

export interface Trust {
  keys: TrustedKeyGrant[];
  allowUnsigned: boolean;
}

export type RefusalCode = VerifyFailure | 'version-reused' | 'outranked' | 'signed-installed';

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
  /** Every installed release of a pack id, whatever its key (none: an empty list). */
  held: (packId: string) => Promise<readonly Installed[]>;
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
  const index = grantIndex(opts.trust.keys);
  if (!env.ok) {
    // Broken JSON: say where (line and column), not only that it is broken.
    const where = env.code === 'malformed' ? syntaxError(text) : undefined;
    if (where) return refuse(env.code, `This is not a pack file: ${where}.`);
    if (env.code !== 'unsigned') return refuse(env.code, env.message);
    if (!opts.trust.allowUnsigned) {
      return refuse(
        'unsigned',
        'This pack is not signed, and unsigned packs are not allowed here. Ask your team lead for the signed file (made with "cuecard pack sign").',
      );
    }
    const parsed = parsePackText(text);
    if (!parsed.ok) {
      const list = parsed.errors
        .slice(0, 5)
        .map((e) => `${e.path || '(pack)'}: ${e.message}`)
        .join('; ');
      return refuse('invalid-pack', `The pack is not valid: ${list}`);
    }
    if (opts.expectedPackId !== undefined && parsed.pack.id !== opts.expectedPackId) {
      return refuse('id-mismatch', `This file contains pack "${parsed.pack.id}", but pack "${opts.expectedPackId}" was expected from this address.`);
    }
    const gate = admit(parsed.pack.id, RANK.unsigned, undefined, await opts.held(parsed.pack.id), index);
    if (!gate.ok) return refuse(gate.code, gate.message);
    return byVersion(parsed.pack, gate.sameRankHead, { signed: false });
  }
  const claimed = env.payload;
  const rows = claimed ? await opts.held(claimed.packId) : [];
  // The file's key id is only a claim here; verifySignedPack proves it before the sequence counts.
  const lastSequence = lastSequenceOf(rows, env.keyId);
  const res = await verifySignedPack(text, opts.trust.keys, { now: opts.now, lastSequence, expectedPackId: opts.expectedPackId });
  if (!res.ok) {
    // The release we already have, sent again (and authentic: rollback is only reported
    // after the signature checked out): nothing to do, and nothing wrong.
    const mine = claimed && rows.find((r) => r.keyId === env.keyId && r.sequence === claimed.sequence);
    if (res.code === 'rollback' && claimed && claimed.sequence === lastSequence && mine && sameJson(claimed.pack, mine.pack)) {
      return { kind: 'unchanged', packId: claimed.packId };
    }
    return refuse(res.code, res.message);
  }
  const gate = admit(res.packId, res.trusted.source === 'policy' ? RANK.policy : RANK.agent, res.keyId, rows, index);
  if (!gate.ok) return refuse(gate.code, gate.message);
  return byVersion(res.pack, gate.sameRankHead, { signed: true, sequence: res.sequence, keyId: res.keyId, expiresAt: res.expiresAt });
}

/** Versions rise within a rank; a higher rank starts its own line (rank.ts). */
function byVersion(pack: Pack, head: Installed | undefined, meta: { signed: boolean; sequence?: number; keyId?: string; expiresAt?: string }): Verdict {
  const accept = (sameContent: boolean): Verdict => ({ kind: 'accept', pack, sameContent, ...defined(meta) });
  if (!head || pack.version > head.version) return accept(false);
  if (pack.version < head.version) {
    return refuse(
      'rollback',
      `This file holds version ${pack.version} of pack "${pack.id}", but version ${head.version} is installed; an older version cannot replace it.`,
    );
  }
  if (!sameJson(pack, head.pack)) {
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
