/**
 * What the next release will be: its sequence (extensions accept only a higher one than the
 * release they hold from the same key — lib/pack/sign.ts) and whether the pack's version was
 * raised since the published release. Pure, so the pane and its tests share it.
 */
import { readSignedEnvelope } from '../../pack/sign';
import type { Pack } from '../../pack/schema';

export interface PublishedInfo {
  /** Unknown for a plain pack (`cuecard studio --against` may give one). */
  sequence?: number;
  version: number;
  keyId?: string;
}

/**
 * `api/published` answers `{ release }`: the hub gives `{ sequence, version, keyId, … }`, a
 * local folder may give the signed file's text. Anything else counts as "nothing published".
 */
export function publishedInfo(release: unknown): PublishedInfo | undefined {
  if (typeof release === 'string') {
    const env = readSignedEnvelope(release);
    const payload = env.ok ? env.payload : undefined;
    const version = (payload?.pack as { version?: unknown } | undefined)?.version;
    return payload && typeof version === 'number' ? { sequence: payload.sequence, version, keyId: env.ok ? env.keyId : undefined } : undefined;
  }
  if (typeof release !== 'object' || release === null) return undefined;
  const r = release as Record<string, unknown>;
  if (!Number.isSafeInteger(r.version)) return undefined;
  if (r.sequence === undefined && Array.isArray(r.procedures)) return { version: r.version as number };
  if (!Number.isSafeInteger(r.sequence)) return undefined;
  return { sequence: r.sequence as number, version: r.version as number, keyId: typeof r.keyId === 'string' ? r.keyId : undefined };
}

export interface ReleasePlan {
  sequence: number;
  /** Set when pack.yaml's version is not above the published one: agents' "What changed" keys on it. */
  versionHint?: { published: number; current: number };
}

export function planRelease(pack: Pick<Pack, 'version'>, published: PublishedInfo | undefined): ReleasePlan {
  if (!published) return { sequence: Math.max(1, pack.version) };
  const sequence = Math.max((published.sequence ?? 0) + 1, pack.version);
  return pack.version > published.version ? { sequence } : { sequence, versionHint: { published: published.version, current: pack.version } };
}

/** `<id>-<version>.signed.json`, the name a static host serves the release under. */
export const signedFileName = (pack: Pick<Pack, 'id' | 'version'>) => `${pack.id}-${pack.version}.signed.json`;
