// @vitest-environment happy-dom
/** Options → Team hub with a fake API: the form, the status, and what the team lead sees. */
import { afterEach, describe, expect, it } from 'vitest';
import { fakeApi, mountOptions, type Mounted } from './test-kit';

let ui: Mounted | undefined;
afterEach(() => ui?.unmount());

describe('Team hub', () => {
  it('says an agent ID is needed, and enrols with the address and token after asking for the hub’s site', async () => {
    const fake = fakeApi();
    ui = await mountOptions(fake, '#hub');
    expect(ui.$('cc-hub-no-agent-id')!.textContent).toMatch(/agent ID/);
    await ui.type('cc-hub-url', 'https://hub.example.com');
    await ui.type('cc-hub-token', 'tok_1234567890abcdef');
    fake.hub = { ...fake.hub, enrolError: { code: 'no-agent-id', message: 'Your profile has no agent ID', at: 1 } };
    await ui.click('cc-hub-enrol');
    expect(fake.log).toContain('request https://hub.example.com');
    expect(fake.log).toContain('enrol https://hub.example.com tok_1234567890abcdef');
    expect(ui.$('cc-hub-enrol-error')!.getAttribute('data-code')).toBe('no-agent-id');
  });

  it('shows the membership, queue counts, a send error by name, and each event’s JSON newest first', async () => {
    const fake = fakeApi({ settings: { profile: { company: '', agentId: '1001', name: '' } } });
    fake.hub = {
      enrolled: {
        url: 'https://hub.example.com',
        source: 'agent',
        agentId: '1001',
        team: 'night',
        feedUrl: 'x',
        packUrls: [],
        enrolledAt: 1,
        failures: 2,
        overflow: 3,
        lastError: { code: 'network', message: 'Failed to fetch', at: 2 },
      },
      queued: 4,
      sent: 1,
      refused: 1,
      capacity: 5000,
      hasAccess: true,
    };
    fake.outbox = [
      {
        event: { id: 'ev_new00000', type: 'ack', at: 3, packId: 'a.b', version: 2, procedureId: 'p', stepId: 's', phraseId: 'x' },
        state: 'queued',
        queuedAt: 3,
      },
      {
        event: { id: 'ev_old00000', type: 'release', at: 1, packId: 'a.b', version: 1 },
        state: 'refused',
        queuedAt: 1,
        sentAt: 2,
        problem: 'events.0.at: bad',
      },
    ];
    ui = await mountOptions(fake, '#hub');
    const status = ui.$('cc-hub-enrolled')!;
    expect(status.textContent).toContain('1001');
    expect(ui.$('cc-hub-queued')!.textContent).toBe('4 waiting to be sent');
    expect(ui.$('cc-hub-error')!.getAttribute('data-code')).toBe('network');
    expect(ui.$('cc-hub-full')!.textContent).toMatch(/3 events could not be queued/);
    const events = [...document.querySelectorAll('[data-testid="cc-hub-event"]')];
    expect(events.map((e) => e.getAttribute('data-state'))).toEqual(['queued', 'refused']);
    expect(JSON.parse(events[0]!.querySelector('pre')!.textContent!)).toEqual(fake.outbox[0]!.event);
    expect(events[1]!.textContent).toContain('events.0.at: bad');
    await ui.click('cc-hub-leave');
    expect(fake.log).toContain('leave');
  });
});
