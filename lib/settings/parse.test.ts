import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from './schema';
import { mergePatch, parseSettings } from './parse';

const KEY = btoa(String.fromCharCode(...new Array(32).fill(7)));

describe('parseSettings', () => {
  it('keeps every valid field and item; drops and reports each bad one; ignores unknown keys', () => {
    const stored = {
      mode: 'experienced',
      profile: { company: 'ACME', agentId: '7', name: 'Li' },
      sites: ['https://crm.example.com/*', 'not a pattern', 'https://b.example.com/*'],
      panelWidth: 'wide', // wrong type
      subscriptions: [{ url: 'https://packs.example.com/p.json' }],
      trustedKeys: [{ publicKey: KEY, label: 'Team B' }, { publicKey: 'nope' }],
      droppedInV9: true, // a key a later version removed
    };
    const { settings, issues } = parseSettings(stored);
    expect(settings).toEqual({
      ...DEFAULT_SETTINGS,
      mode: 'experienced',
      profile: { company: 'ACME', agentId: '7', name: 'Li' },
      sites: ['https://crm.example.com/*', 'https://b.example.com/*'],
      subscriptions: [{ url: 'https://packs.example.com/p.json' }],
      trustedKeys: [{ publicKey: KEY, label: 'Team B', packIds: [] }], // a key stored before keys were bound to pack ids signs nothing
    });
    expect(issues.map((i) => i.path)).toEqual(['sites[1]', 'panelWidth', 'trustedKeys[1]']);
    expect(issues[0]!.message).toMatch(/https:\/\/crm.example.com/);
  });

  it('gives the defaults for nothing stored, and reports a record that is not an object', () => {
    expect(parseSettings(undefined)).toEqual({ settings: DEFAULT_SETTINGS, issues: [] });
    expect(parseSettings('garbage').issues).toEqual([{ path: '(record)', message: 'is not an object' }]);
  });

  it('still applies a list-level rule after dropping bad items (at most 20 subscriptions)', () => {
    const subs = Array.from({ length: 21 }, (_, i) => ({ url: `https://p.example.com/${i}.json` }));
    const { settings, issues } = parseSettings({ subscriptions: subs, mode: 'experienced' });
    expect(settings.subscriptions).toEqual([]);
    expect(settings.mode).toBe('experienced');
    expect(issues.map((i) => i.path)).toEqual(['subscriptions']);
  });
});

describe('mergePatch', () => {
  it('replaces only the patched fields over the raw record, keeping bad and unknown ones as stored', () => {
    const raw = { panelWidth: 'wide', droppedInV9: true, sites: ['bad'], mode: 'newHire' };
    expect(mergePatch(raw, { mode: 'experienced' })).toEqual({ panelWidth: 'wide', droppedInV9: true, sites: ['bad'], mode: 'experienced' });
    expect(mergePatch(undefined, { panelOpen: false })).toEqual({ panelOpen: false });
  });
});
