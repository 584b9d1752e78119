/**
 * Enterprise policy (chrome.storage.managed, declared in public/managed_schema.json) merged
 * over the agent's own settings. The agent can add to what policy gives, never take away;
 * with `lockSettings` the agent's own additions are ignored altogether.
 *
 * Keys: `trustedKeys` (plain strings, the original format) may sign any pack id, so existing
 * policies keep working; `trustedKeyBindings` ({ publicKey, packIds }) binds a key to ids.
 * A key in both gets the union. Chrome's policy schema has no union types, hence two lists.
 */
import * as v from 'valibot';
import { ANY_PACK_ID } from '../pack/pack-id-pattern';
import { PackUrlSchema, PolicyKeyBindingSchema, PublicKeySchema, type SubscriptionSetting, type TrustedKeySetting } from './config-schema';

export interface PolicyKey {
  publicKey: string;
  packIds: string[];
}

export interface Policy {
  packUrls: string[];
  trustedKeys: PolicyKey[];
  /** Undefined: policy leaves it to the agent. */
  allowUnsigned?: boolean;
  lockSettings: boolean;
}

/** `hub`: a team hub's feed URL, subscribed while enrolled (lib/background/hub.ts). */
export type Source = 'policy' | 'agent' | 'hub';

export interface AgentPackSettings {
  subscriptions: SubscriptionSetting[];
  trustedKeys: TrustedKeySetting[];
  allowUnsigned: boolean;
}

export interface EffectiveConfig {
  subscriptions: { url: string; source: Source }[];
  /** Policy keys first; a key set by both keeps policy's binding. */
  trustedKeys: { publicKey: string; label?: string; source: Source; packIds: string[] }[];
  allowUnsigned: boolean;
  /** Policy decides allowUnsigned; the agent's switch is shown read-only. */
  allowUnsignedLocked: boolean;
  /** Policy's lockSettings: the agent's own URLs and keys are not used. */
  locked: boolean;
  /** Policy entries that were ignored, each naming the entry and what is wrong. */
  problems: string[];
}

export const EMPTY_POLICY: Policy = { packUrls: [], trustedKeys: [], lockSettings: false };

/** Chrome checks types against managed_schema.json; the values themselves are checked here. */
export function parsePolicy(raw: unknown): { policy: Policy; problems: string[] } {
  const problems: string[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { policy: EMPTY_POLICY, problems };
  const r = raw as Record<string, unknown>;
  const list = <T>(key: 'packUrls' | 'trustedKeys' | 'trustedKeyBindings', schema: v.GenericSchema<unknown, T>): T[] => {
    const value = r[key];
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      problems.push(`policy ${key}: must be a list`);
      return [];
    }
    return value.flatMap((item, i) => {
      const parsed = v.safeParse(schema, item);
      if (parsed.success) return [parsed.output];
      const path = v.getDotPath(parsed.issues[0]);
      problems.push(`policy ${key}[${i}]${path ? `.${path}` : ''}: ${parsed.issues[0].message}`);
      return [];
    });
  };
  const flag = (key: 'allowUnsigned' | 'lockSettings'): boolean | undefined => {
    const value = r[key];
    if (value === undefined || typeof value === 'boolean') return value;
    problems.push(`policy ${key}: must be true or false`);
    return undefined;
  };
  const packUrls = list('packUrls', PackUrlSchema);
  const keys = new Map<string, Set<string>>();
  const bind = (publicKey: string, packIds: readonly string[]) => {
    const ids = keys.get(publicKey) ?? new Set<string>();
    for (const id of packIds) ids.add(id);
    keys.set(publicKey, ids);
  };
  for (const publicKey of list('trustedKeys', PublicKeySchema)) bind(publicKey, [ANY_PACK_ID]);
  for (const b of list('trustedKeyBindings', PolicyKeyBindingSchema)) bind(b.publicKey, b.packIds);
  const policy: Policy = {
    packUrls,
    trustedKeys: [...keys].map(([publicKey, ids]) => ({ publicKey, packIds: ids.has(ANY_PACK_ID) ? [ANY_PACK_ID] : [...ids] })),
    lockSettings: flag('lockSettings') ?? false,
  };
  const allowUnsigned = flag('allowUnsigned');
  if (allowUnsigned !== undefined) policy.allowUnsigned = allowUnsigned;
  return { policy, problems };
}

export function mergeConfig(agent: AgentPackSettings, policy: Policy, problems: string[] = []): EffectiveConfig {
  const own = policy.lockSettings ? { subscriptions: [], trustedKeys: [] } : agent;
  const urls = new Map<string, Source>();
  for (const url of policy.packUrls) urls.set(url, 'policy');
  for (const s of own.subscriptions) if (!urls.has(s.url)) urls.set(s.url, 'agent');
  const keys = new Map<string, EffectiveConfig['trustedKeys'][number]>();
  for (const { publicKey, packIds } of policy.trustedKeys) keys.set(publicKey, { publicKey, source: 'policy', packIds });
  // A key the agent also added keeps policy's binding: the agent can neither widen nor narrow it.
  for (const k of own.trustedKeys) if (!keys.has(k.publicKey)) keys.set(k.publicKey, { ...k, packIds: [...k.packIds], source: 'agent' });
  const allowUnsignedLocked = policy.allowUnsigned !== undefined || policy.lockSettings;
  return {
    subscriptions: [...urls].map(([url, source]) => ({ url, source })),
    trustedKeys: [...keys.values()],
    allowUnsigned: allowUnsignedLocked ? (policy.allowUnsigned ?? false) : agent.allowUnsigned,
    allowUnsignedLocked,
    locked: policy.lockSettings,
    problems,
  };
}
