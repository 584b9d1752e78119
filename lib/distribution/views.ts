/** What the background tells the options page and the panel about packs and their sources. */
import type { PackDiff } from '../pack/diff';
import type { SubState } from './fetch-policy';
import type { Source } from './policy';

export interface SubscriptionView {
  url: string;
  source: Source;
  /** Undefined until the first check. */
  state?: SubState;
  /** Whether Cuecard holds host access to the URL's site (else it relies on the server's CORS). */
  hasAccess: boolean;
}

export interface SubscriptionsView {
  subscriptions: SubscriptionView[];
  /** `packIds`: what the key may sign (lib/pack/pack-id-pattern.ts); empty for a key saved before bindings existed. */
  trustedKeys: { publicKey: string; keyId: string; label?: string; source: Source; packIds: string[] }[];
  allowUnsigned: boolean;
  allowUnsignedLocked: boolean;
  locked: boolean;
  /** Ignored policy entries, named. */
  problems: string[];
}

/** Something the agent should know about packs, shown in the panel until dismissed. */
export interface PackNotice {
  /** Stable for the same event, so a refusal seen again is not announced again. */
  id: string;
  kind: 'installed' | 'updated' | 'refused' | 'expired';
  at: number;
  /** The subscription URL, or 'file' for a hand import. */
  source: string;
  packId?: string;
  version?: number;
  fromVersion?: number;
  code?: string;
  message?: string;
  dismissed?: boolean;
}

/** What changed in one installed pack version against the version before it. */
export interface ChangeSet {
  packId: string;
  version: number;
  fromVersion: number;
  diff: PackDiff;
  /** phraseKey → when the agent read the new wording. */
  acked: Record<string, number>;
}

export interface PackUpdates {
  notices: PackNotice[];
  changes: ChangeSet[];
}
