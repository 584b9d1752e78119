import { describe, expect, it } from 'vitest';
import { EMPTY_POLICY, mergeConfig, parsePolicy } from './policy';

const KEY_A = btoa(String.fromCharCode(...new Uint8Array(32).fill(1)));
const KEY_B = btoa(String.fromCharCode(...new Uint8Array(32).fill(2)));
const agent = {
  subscriptions: [{ url: 'https://packs.example.com/agent.json' }, { url: 'https://packs.example.com/team.json' }],
  trustedKeys: [
    { publicKey: KEY_B, label: 'mine', packIds: ['acme.team-b'] },
    { publicKey: KEY_A, packIds: ['acme.*'] },
  ],
  allowUnsigned: true,
};

describe('parsePolicy', () => {
  it('reads valid values and names each bad entry it ignores', () => {
    const { policy, problems } = parsePolicy({
      packUrls: ['https://packs.example.com/team.json', 'http://packs.example.com/x.json', 42],
      trustedKeys: [KEY_A, 'not-a-key'],
      allowUnsigned: 'yes',
      lockSettings: true,
      somethingNew: 1,
    });
    expect(policy).toEqual({ packUrls: ['https://packs.example.com/team.json'], trustedKeys: [{ publicKey: KEY_A, packIds: ['*'] }], lockSettings: true });
    expect(problems).toEqual([
      'policy packUrls[1]: must start with https:// (http:// only for localhost)',
      expect.stringMatching(/^policy packUrls\[2\]: /),
      expect.stringMatching(/^policy trustedKeys\[1\]: must be a public key/),
      'policy allowUnsigned: must be true or false',
    ]);
  });

  it('binds keys to pack ids with trustedKeyBindings; plain trustedKeys strings still mean any id', () => {
    const { policy, problems } = parsePolicy({
      trustedKeys: [KEY_B],
      trustedKeyBindings: [
        { publicKey: KEY_A, packIds: ['acme.team-b', 'acme.*'] },
        { publicKey: KEY_A, packIds: ['acme.team-c'] },
        { publicKey: KEY_B, packIds: ['other.x'] },
        { publicKey: KEY_A, packIds: [] },
        { publicKey: KEY_A, packIds: ['Not An Id'] },
        { publicKey: 'nope', packIds: ['acme.x'] },
      ],
    });
    expect(policy.trustedKeys).toEqual([
      { publicKey: KEY_B, packIds: ['*'] },
      { publicKey: KEY_A, packIds: ['acme.team-b', 'acme.*', 'acme.team-c'] },
    ]);
    expect(problems).toEqual([
      'policy trustedKeyBindings[3].packIds: needs at least one pack id (or "*" for any)',
      expect.stringMatching(/^policy trustedKeyBindings\[4\]\.packIds\.0: "Not An Id" is not a pack id/),
      expect.stringMatching(/^policy trustedKeyBindings\[5\]\.publicKey: must be a public key/),
    ]);
  });

  it('treats no policy (not managed, or Firefox without one) as empty', () => {
    expect(parsePolicy(undefined)).toEqual({ policy: EMPTY_POLICY, problems: [] });
    expect(parsePolicy({})).toEqual({ policy: EMPTY_POLICY, problems: [] });
    expect(parsePolicy({ packUrls: 'https://x' }).problems).toEqual(['policy packUrls: must be a list']);
  });
});

describe('mergeConfig', () => {
  it('without a policy, uses the agent settings as they are', () => {
    const c = mergeConfig(agent, EMPTY_POLICY);
    expect(c.subscriptions.map((s) => s.source)).toEqual(['agent', 'agent']);
    expect(c.allowUnsigned).toBe(true);
    expect(c.allowUnsignedLocked).toBe(false);
  });

  it('puts policy first, marks its entries, and drops the agent duplicates of them', () => {
    const policy = {
      ...EMPTY_POLICY,
      packUrls: ['https://packs.example.com/team.json'],
      trustedKeys: [{ publicKey: KEY_A, packIds: ['acme.team-a'] }],
      allowUnsigned: false,
    };
    const c = mergeConfig(agent, policy);
    expect(c.subscriptions).toEqual([
      { url: 'https://packs.example.com/team.json', source: 'policy' },
      { url: 'https://packs.example.com/agent.json', source: 'agent' },
    ]);
    // KEY_A keeps policy's binding: the agent's own "acme.*" for it neither widens nor narrows it.
    expect(c.trustedKeys).toEqual([
      { publicKey: KEY_A, source: 'policy', packIds: ['acme.team-a'] },
      { publicKey: KEY_B, label: 'mine', source: 'agent', packIds: ['acme.team-b'] },
    ]);
    // The agent turned unsigned packs on; policy says no, and policy wins.
    expect(c.allowUnsigned).toBe(false);
    expect(c.allowUnsignedLocked).toBe(true);
  });

  it('with lockSettings, ignores everything the agent added and keeps unsigned packs off unless policy allows them', () => {
    const c = mergeConfig(agent, { ...EMPTY_POLICY, packUrls: ['https://packs.example.com/team.json'], lockSettings: true });
    expect(c.subscriptions).toEqual([{ url: 'https://packs.example.com/team.json', source: 'policy' }]);
    expect(c.trustedKeys).toEqual([]);
    expect(c.allowUnsigned).toBe(false);
    expect(c.locked).toBe(true);
    expect(mergeConfig(agent, { ...EMPTY_POLICY, lockSettings: true, allowUnsigned: true }).allowUnsigned).toBe(true);
  });
});
