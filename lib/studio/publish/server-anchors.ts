/**
 * The hub's own run of the anchor tests, so the gate does not rest on what the page claims:
 * the SIGNED pack (decompiled to its authoring files) against the snapshots kept with the
 * drafts. What the page reports is added to it (it may hold snapshots not saved yet).
 */
import { decompile } from '../../pack/authoring';
import { readSignedEnvelope } from '../../pack/sign';
import { parsePack } from '../../pack/parse';
import { checkPackAnchors } from '../../pick/check-pack';
import { nodeDocument } from '../../pick/node-dom';
import type { AnchorFailure, PackFiles } from '../contract';

export function signedPackAnchorFailures(signed: string, drafts: PackFiles, claimed: readonly AnchorFailure[]): AnchorFailure[] {
  const env = readSignedEnvelope(signed);
  const parsed = env.ok && env.payload ? parsePack(env.payload.pack) : undefined;
  const found: AnchorFailure[] = [];
  if (parsed?.ok) {
    const snapshots = Object.entries(drafts).filter(([path]) => path.startsWith('snapshots/'));
    if (snapshots.length) found.push(...checkPackAnchors({ ...Object.fromEntries(decompile(parsed.pack)), ...Object.fromEntries(snapshots) }, nodeDocument));
  }
  const key = (f: AnchorFailure) => `${f.anchor}\u0000${f.snapshot}`;
  const seen = new Set(found.map(key));
  return [...found, ...claimed.filter((f) => !seen.has(key(f)))];
}
