/**
 * The trust in force, built from the effective config (policy merged over the agent's
 * settings): each key with its key id, who set it and what it may sign. Key ids are hashes
 * (WebCrypto), so this is async; everything after it (rank.ts) is synchronous.
 */
import { keyIdOf } from '../pack/sign';
import type { Trust } from './evaluate';
import type { EffectiveConfig } from './policy';
import { grantIndex, rankOf } from './rank';

export async function trustFromConfig(config: Pick<EffectiveConfig, 'trustedKeys' | 'allowUnsigned'>): Promise<Trust> {
  const keys = await Promise.all(
    config.trustedKeys.map(async (k) => ({ publicKey: k.publicKey, keyId: await keyIdOf(k.publicKey), source: k.source, packIds: k.packIds })),
  );
  return { keys, allowUnsigned: config.allowUnsigned };
}

/** A stored release's rank under `trust`, for choosing heads and pruning (rank.ts). */
export function rankerOf(trust: Trust): (row: { id: string; keyId?: string }) => number {
  const index = grantIndex(trust.keys);
  return (row) => rankOf(row.keyId, row.id, index);
}
