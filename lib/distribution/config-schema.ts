/**
 * Where packs come from and whom to trust: the shapes shared by the agent's settings and
 * the administrator's policy (chrome.storage.managed). Schemas are the types.
 */
import * as v from 'valibot';
import { MAX_PACK_ID_PATTERNS, packIdPatternProblem } from '../pack/pack-id-pattern';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Why a pack URL is unusable, or undefined when it is fine. */
export function packUrlProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'is not a web address';
  }
  if (url.username || url.password) return 'must not contain a user name or password';
  if (url.protocol === 'https:') return undefined;
  // Plain http only for a local server (the demo and `cuecard pack preview`): on a network,
  // anyone on the path could swap an unsigned pack.
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return undefined;
  return 'must start with https:// (http:// only for localhost)';
}

export const PackUrlSchema = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(2000, 'is longer than 2,000 characters'),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const problem = packUrlProblem(dataset.value);
    if (problem) addIssue({ message: problem });
  }),
);

/** The raw 32-byte Ed25519 public key, base64, as `cuecard pack keygen` writes to KEY.pub. */
export function isPublicKey(text: string): boolean {
  try {
    const bin = atob(text);
    return bin.length === 32 && btoa(bin) === text;
  } catch {
    return false;
  }
}

export const PublicKeySchema = v.pipe(
  v.string(),
  v.trim(),
  v.check(isPublicKey, 'must be a public key: the one line of base64 in KEY.pub from "cuecard pack keygen"'),
);

const packIdPattern = (allowAny: boolean) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const problem = packIdPatternProblem(dataset.value, { allowAny });
      if (problem) addIssue({ message: problem });
    }),
  );
const patterns = (allowAny: boolean) =>
  v.pipe(v.array(packIdPattern(allowAny)), v.maxLength(MAX_PACK_ID_PATTERNS, `holds more than ${MAX_PACK_ID_PATTERNS} pack ids`));

export const TrustedKeySettingSchema = v.strictObject({
  publicKey: PublicKeySchema,
  /** Who the key belongs to, e.g. "Team B lead", shown beside the key id. */
  label: v.optional(v.pipe(v.string(), v.maxLength(80))),
  /**
   * The pack ids this key may sign (lib/pack/pack-id-pattern.ts). Keys saved before pack ids
   * existed have none and read as bound to nothing: they sign nothing until the agent adds
   * ids (safer than "any id", which is the hole issue 10 closes). The options page requires
   * at least one (components/options/TrustedKeys.tsx); `*` is policy's alone.
   */
  packIds: v.optional(patterns(false), []),
});

/** A managed-policy key bound to pack ids (`trustedKeyBindings`); `*` allowed here. */
export const PolicyKeyBindingSchema = v.object({
  publicKey: PublicKeySchema,
  packIds: v.pipe(patterns(true), v.minLength(1, 'needs at least one pack id (or "*" for any)')),
});

export const SubscriptionSettingSchema = v.strictObject({ url: PackUrlSchema });

export const SubscriptionsSchema = v.pipe(v.array(SubscriptionSettingSchema), v.maxLength(20, 'holds more than 20 pack addresses'));
export const TrustedKeysSchema = v.pipe(v.array(TrustedKeySettingSchema), v.maxLength(20, 'holds more than 20 keys'));

export type TrustedKeySetting = v.InferOutput<typeof TrustedKeySettingSchema>;
export type SubscriptionSetting = v.InferOutput<typeof SubscriptionSettingSchema>;
