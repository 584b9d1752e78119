import { beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey, signPack } from '../pack/sign';
import type { Pack } from '../pack/schema';
import { evaluatePackText, type Installed, type Trust, type TrustedKeyGrant } from './evaluate';
import { teamPack } from './fixtures';
import { admit, grantIndex, headOf, lastSequenceOf, RANK, rankOf, type Grant } from './rank';

const grants: Grant[] = [
  { keyId: 'company', source: 'policy', packIds: ['acme.*'] },
  { keyId: 'lead', source: 'agent', packIds: ['acme.team-b'] },
  { keyId: 'company', source: 'agent', packIds: ['*'] },
];
const index = grantIndex(grants);
const r = (version: number, keyId?: string, sequence?: number) => ({ version, ...(keyId ? { keyId } : {}), ...(sequence !== undefined ? { sequence } : {}) });

describe('rankOf', () => {
  it('ranks policy keys over agent keys over unsigned, and untrusted or unbound keys below all', () => {
    expect(rankOf('company', 'acme.team-b', index)).toBe(RANK.policy);
    expect(rankOf('lead', 'acme.team-b', index)).toBe(RANK.agent);
    expect(rankOf(undefined, 'acme.team-b', index)).toBe(RANK.unsigned);
    expect(rankOf('lead', 'acme.team-a', index)).toBe(RANK.untrusted);
    expect(rankOf('gone', 'acme.team-b', index)).toBe(RANK.untrusted);
    // A key listed by policy and by the agent keeps policy's entry (listed first), not the agent's "*".
    expect(rankOf('company', 'other.pack', index)).toBe(RANK.untrusted);
  });
});

describe('headOf', () => {
  it('chooses the highest (rank, version), falling back to untrusted releases only when nothing else is installed', () => {
    const rows = [r(9999, 'lead', Number.MAX_SAFE_INTEGER), r(4, 'company', 4), r(3, 'company', 3), r(50)];
    expect(headOf(rows, 'acme.team-b', index)).toEqual(r(4, 'company', 4));
    expect(headOf([r(9999, 'lead', 9), r(50)], 'acme.team-b', index)?.version).toBe(9999);
    expect(headOf([r(7, 'gone', 1), r(2)], 'acme.team-b', index)?.version).toBe(2);
    expect(headOf([r(7, 'gone', 1)], 'acme.team-b', index)?.version).toBe(7);
    expect(headOf([], 'acme.team-b', index)).toBeUndefined();
  });
});

describe('lastSequenceOf', () => {
  it('is per key', () => {
    const rows = [r(1, 'lead', Number.MAX_SAFE_INTEGER), r(2, 'company', 3), r(3, 'company', 5)];
    expect(lastSequenceOf(rows, 'company')).toBe(5);
    expect(lastSequenceOf(rows, 'lead')).toBe(Number.MAX_SAFE_INTEGER);
    expect(lastSequenceOf(rows, 'new')).toBeUndefined();
  });
});

describe('admit', () => {
  it('refuses a lower rank than the best counting release, and names the same-rank head for the version check', () => {
    const rows = [r(9999, 'lead', 1), r(4, 'company', 4), r(60)];
    expect(admit('acme.team-b', RANK.policy, 'company', rows, index)).toEqual({ ok: true, rank: RANK.policy, sameRankHead: r(4, 'company', 4) });
    expect(admit('acme.team-b', RANK.agent, 'lead', rows, index)).toMatchObject({ ok: false, code: 'outranked' });
    expect(admit('acme.team-b', RANK.unsigned, undefined, rows, index)).toMatchObject({ ok: false, code: 'signed-installed' });
    expect(admit('acme.team-b', RANK.unsigned, undefined, [r(60), r(7, 'gone', 1)], index)).toEqual({ ok: true, rank: RANK.unsigned, sameRankHead: r(60) });
    expect(admit('acme.team-b', RANK.policy, 'company', [r(9999, 'lead', 1)], index)).toEqual({ ok: true, rank: RANK.policy });
  });
});

/**
 * Property: whatever lower-ranked files arrive, in whatever order, with whatever versions and
 * sequences (2^53−1 included), every genuine higher-ranked release is installed and becomes the
 * release in use. Runs through evaluatePackText with real signatures, installing what it accepts
 * the way the database does (one row per pack id and version).
 */
describe('no lower-ranked input can ever lock out a higher-ranked release', () => {
  type Key = Awaited<ReturnType<typeof generateSigningKey>>;
  let policyKey: Key;
  let agentKeys: Key[];
  let trust: Trust;
  const NOW = Date.parse('2026-06-01T00:00:00Z');
  const release = (version: number, salt: string): Pack => ({ ...teamPack(2), version, title: { 'zh-CN': `版本 ${salt}`, en: salt } });

  beforeAll(async () => {
    policyKey = await generateSigningKey();
    agentKeys = await Promise.all([generateSigningKey(), generateSigningKey()]);
    const g = (k: Key, source: 'policy' | 'agent', packIds: string[]): TrustedKeyGrant => ({ publicKey: k.publicKey, keyId: k.keyId, source, packIds });
    // The agent keys are bound to the company's id: the agent was talked into it.
    trust = {
      keys: [g(policyKey, 'policy', ['acme.*']), g(agentKeys[0]!, 'agent', ['acme.team-b']), g(agentKeys[1]!, 'agent', ['acme.*'])],
      allowUnsigned: true,
    };
  });

  /** mulberry32: a seeded PRNG, so a failing case can be replayed from its seed. */
  function prng(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  async function trial(seed: number, higher: 'policy' | 'agent') {
    const rand = prng(seed);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const rows = new Map<number, Installed>();
    const held = async () => [...rows.values()];
    const feed = async (text: string) => {
      const v = await evaluatePackText(text, { trust, now: NOW, held });
      if (v.kind === 'accept')
        rows.set(v.pack.version, { version: v.pack.version, pack: v.pack, ...(v.keyId ? { keyId: v.keyId, sequence: v.sequence } : {}) });
      return v;
    };
    // Lower-ranked: agent keys and unsigned files against genuine policy releases; unsigned only against agent ones.
    const lowerKeys = higher === 'policy' ? [...agentKeys, undefined] : [undefined];
    const genuine = higher === 'policy' ? policyKey : agentKeys[0]!;
    let version = 1 + Math.floor(rand() * 5);
    let sequence = 1 + Math.floor(rand() * 5);
    const log: string[] = [];
    for (let step = 0; step < 8; step++) {
      const noise = Math.floor(rand() * 3);
      for (let i = 0; i < noise; i++) {
        const k = pick(lowerKeys);
        const v = pick([1, version, version + 1, 9999, Math.floor(rand() * 100)]);
        const seq = pick([1, sequence, Number.MAX_SAFE_INTEGER, Math.floor(rand() * 100) + 1]);
        const text = k
          ? await signPack(release(v, `n${step}.${i}`), k.privateKey, { sequence: seq, signedAt: NOW })
          : JSON.stringify(release(v, `n${step}.${i}`));
        log.push(`noise ${k ? k.keyId : 'unsigned'} v${v} s${seq}: ${(await feed(text)).kind}`);
      }
      const text = await signPack(release(version, `g${step}`), genuine.privateKey, { sequence, signedAt: NOW });
      const verdict = await feed(text);
      log.push(`genuine v${version} s${sequence}: ${verdict.kind}`);
      expect(verdict.kind, `seed ${seed}\n${log.join('\n')}`).toBe('accept');
      const head = headOf([...rows.values()], 'acme.team-b', grantIndex(trust.keys));
      expect(head?.keyId, `seed ${seed}`).toBe(genuine.keyId);
      expect(head?.version, `seed ${seed}`).toBe(version);
      version += 1 + Math.floor(rand() * 2);
      sequence += 1 + Math.floor(rand() * 3);
    }
  }

  it('policy-key releases are never locked out by agent-key or unsigned files (60 seeded runs)', async () => {
    for (let seed = 1; seed <= 60; seed++) await trial(seed, 'policy');
  });

  it('agent-key releases are never locked out by unsigned files (40 seeded runs)', async () => {
    for (let seed = 101; seed <= 140; seed++) await trial(seed, 'agent');
  });
});
