/**
 * Enterprise policy (chrome.storage.managed, declared in public/managed_schema.json) merged
 * over the agent's own settings. The agent can add to what policy gives, never take away;
 * with `lockSettings` the agent's own additions are ignored altogether.
 */
import * as v from 'valibot';
import { PackUrlSchema, PublicKeySchema, type SubscriptionSetting, type TrustedKeySetting } from './config-schema';

export interface Policy {
  packUrls: string[];
  trustedKeys: string[];
  /** Undefined: policy leaves it to the agent. */
  allowUnsigned?: boolean;
  lockSettings: boolean;
}

export type Source = 'policy' | 'agent';

export interface AgentPackSettings {
  subscriptions: SubscriptionSetting[];
  trustedKeys: TrustedKeySetting[];
  allowUnsigned: boolean;
}

export interface EffectiveConfig {
  subscriptions: { url: string; source: Source }[];
  trustedKeys: { publicKey: string; label?: string; source: Source }[];
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
  const list = (key: 'packUrls' | 'trustedKeys', schema: typeof PackUrlSchema | typeof PublicKeySchema): string[] => {
    const value = r[key];
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      problems.push(`policy ${key}: must be a list`);
      return [];
    }
    return value.flatMap((item, i) => {
      const parsed = v.safeParse(schema, item);
      if (parsed.success) return [parsed.output];
      problems.push(`policy ${key}[${i}]: ${parsed.issues[0].message}`);
      return [];
    });
  };
  const flag = (key: 'allowUnsigned' | 'lockSettings'): boolean | undefined => {
    const value = r[key];
    if (value === undefined || typeof value === 'boolean') return value;
    problems.push(`policy ${key}: must be true or false`);
    return undefined;
  };
  const policy: Policy = {
    packUrls: list('packUrls', PackUrlSchema),
    trustedKeys: list('trustedKeys', PublicKeySchema),
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
  const keys = new Map<string, { publicKey: string; label?: string; source: Source }>();
  for (const publicKey of policy.trustedKeys) keys.set(publicKey, { publicKey, source: 'policy' });
  for (const k of own.trustedKeys) if (!keys.has(k.publicKey)) keys.set(k.publicKey, { ...k, source: 'agent' });
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
