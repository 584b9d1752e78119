import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { startRun } from '../engine';
import type { Run } from '../engine/run';
import { teamPack } from '../distribution/fixtures';
import { EventSchema, WIRE_LIMITS } from '../hub/wire';
import { abandonedEvent, abandonedRuns, ABANDON_AFTER_MS, ackEvents, anchorEvent, newEventId, releaseEvent, runEvent } from './events';

const pack = teamPack(2);
const proc = pack.procedures[0]!;
const T0 = Date.parse('2026-12-01T09:00:00Z');

function finishedRun(over: Partial<Run> = {}): Run {
  return {
    ...startRun(proc, pack, { id: 'run-1', at: T0 }),
    channel: 'phone',
    path: [
      { stepId: 'open', at: T0 },
      { stepId: 'survey', at: T0 + 20_000 },
      { stepId: 'open', at: T0 + 25_000 },
      { stepId: 'survey', at: T0 + 26_000 },
      { stepId: 'close', at: T0 + 30_000 },
    ],
    status: 'finished',
    finishedAt: T0 + 42_000,
    ...over,
  };
}

describe('runEvent', () => {
  it('maps a finished run to its path with the time on each step, the channel and the outcome', () => {
    const r = runEvent(finishedRun(), pack, 'ev_abcdefgh')!;
    expect(r.origin).toBe('run:run-1');
    expect(r.event).toEqual({
      id: 'ev_abcdefgh',
      type: 'run',
      at: T0 + 42_000,
      packId: 'acme.team-b',
      version: 2,
      procedureId: 'callback',
      channel: 'phone',
      path: [
        { stepId: 'open', ms: 20_000 },
        { stepId: 'survey', ms: 5_000 },
        { stepId: 'open', ms: 1_000 },
        { stepId: 'survey', ms: 4_000 },
        { stepId: 'close', ms: 12_000 },
      ],
      skipped: [],
      outcome: 'finished',
    });
    expect(v.safeParse(EventSchema, r.event).success).toBe(true);
  });

  it('reports nothing for an open run', () => {
    expect(runEvent({ ...finishedRun(), status: 'open', finishedAt: undefined }, pack, 'ev_abcdefgh')).toBeUndefined();
  });

  it('names the step of each skipped item and masks digit runs in the reason', () => {
    const run = finishedRun({ skips: { greeted: { reason: '客户 13812345678 不愿意', at: T0 + 1 } } });
    const e = runEvent(run, pack, 'ev_abcdefgh')!.event;
    expect(e.type === 'run' && e.skipped).toEqual([{ itemId: 'greeted', stepId: 'open', reason: '客户 138****5678 不愿意' }]);
  });

  it('cuts long paths, reasons and skip lists to the wire limits instead of being refused', () => {
    const long = Array.from({ length: 300 }, (_, i) => ({ stepId: i % 2 ? 'open' : 'close', at: T0 + i }));
    const skips = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`item-${i}`, { reason: 'x'.repeat(500), at: T0 + i }]));
    const e = runEvent(finishedRun({ path: long, skips }), pack, 'ev_abcdefgh')!.event;
    if (e.type !== 'run') throw new Error('not a run');
    expect(e.path).toHaveLength(WIRE_LIMITS.stepsPerRun);
    expect(e.skipped).toHaveLength(WIRE_LIMITS.skipsPerRun);
    expect(e.skipped[0]!.reason).toHaveLength(WIRE_LIMITS.skipReasonChars);
  });

  it('carries nothing of the customer: a run full of labels, values and phrases yields only ids, times and the reason', () => {
    const secrets = ['王小明', '13812345678', '北京市朝阳区建国路88号', 'wang@example.com', '6222021234567890123', '您好王先生'];
    const run = finishedRun({
      label: `${secrets[0]} ${secrets[1]}`,
      skips: { greeted: { reason: `客户 ${secrets[1]} 卡号 ${secrets[4]}`, at: T0 + 3 } },
    });
    // Fields a run never has, as a page or a faulty caller might add them: they must not ride along.
    const polluted = { ...run, kept: { address: secrets[2], email: secrets[3] }, typed: secrets[5] } as unknown as Run;
    const event = runEvent(polluted, pack, 'ev_abcdefgh')!.event;
    const json = JSON.stringify(event);
    for (const s of secrets) expect(json).not.toContain(s);
    for (const key of ['label', 'kept', 'typed', 'address', 'email', 'ticks', 'choices']) expect(json).not.toContain(`"${key}"`);
    // Only the wire's keys, and the only free text (the reason) with its digit runs masked.
    expect(Object.keys(event).sort()).toEqual(['at', 'channel', 'id', 'outcome', 'packId', 'path', 'procedureId', 'skipped', 'type', 'version']);
    expect(event.type === 'run' && event.skipped[0]!.reason).toBe('客户 138****5678 卡号 622************0123');
  });
});

describe('ackEvents', () => {
  it('gives one event per phrase read, with the step the phrase is on', () => {
    let n = 0;
    const list = ackEvents(
      { packId: 'acme.team-b', version: 2, procedureId: 'callback', phraseIds: ['bye', 'thanks', 'bye'], at: T0 },
      pack,
      () => `ev_ack_${++n}xx`,
    );
    expect(list.map((r) => r.event)).toEqual([
      { id: 'ev_ack_1xx', type: 'ack', at: T0, packId: 'acme.team-b', version: 2, procedureId: 'callback', stepId: 'close', phraseId: 'bye' },
      { id: 'ev_ack_2xx', type: 'ack', at: T0, packId: 'acme.team-b', version: 2, procedureId: 'callback', stepId: 'close', phraseId: 'thanks' },
    ]);
    expect(list.map((r) => r.origin)).toEqual(['ack:acme.team-b@2/callback/bye', 'ack:acme.team-b@2/callback/thanks']);
  });

  it('skips a phrase that is not in that version of the pack', () => {
    expect(ackEvents({ packId: 'acme.team-b', version: 2, procedureId: 'callback', phraseIds: ['nope'], at: T0 }, pack, () => 'ev_xxxxxxxx')).toEqual([]);
  });
});

describe('releaseEvent and ids', () => {
  it('reports pack, version and sequence', () => {
    expect(releaseEvent({ id: 'acme.team-b', version: 2, sequence: 7 }, T0, 'ev_rel_0001').event).toEqual({
      id: 'ev_rel_0001',
      type: 'release',
      at: T0,
      packId: 'acme.team-b',
      version: 2,
      sequence: 7,
    });
  });

  it('makes random url-safe ids the hub accepts', () => {
    const a = newEventId((n) => crypto.getRandomValues(new Uint8Array(n)));
    const b = newEventId((n) => crypto.getRandomValues(new Uint8Array(n)));
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(a).not.toBe(b);
    expect(newEventId((n) => new Uint8Array(n).fill(255))).toBe('_____________________w');
  });
});

describe('anchorEvent', () => {
  const miss = { packId: 'acme.team-b', version: 1, procedureId: 'callback', stepId: 'open', index: 0, at: T0 };
  it('names the anchor by procedure, step and position, with the page as origin and path', () => {
    const r = anchorEvent({ ...miss, page: 'https://crm.example.com/customers/*' }, 'ev_anc_0001')!;
    expect(r.event).toEqual({
      id: 'ev_anc_0001',
      type: 'anchor',
      at: T0,
      packId: 'acme.team-b',
      anchorId: 'callback.open.0',
      page: 'https://crm.example.com/customers/*',
    });
    expect(r.origin).toBe('anchor:acme.team-b@1/callback/open/0/https://crm.example.com/customers/*');
  });

  it('reports nothing for a page that is not an http(s) origin and path', () => {
    expect(anchorEvent({ ...miss, page: '' }, 'ev_anc_0002')).toBeUndefined();
    expect(anchorEvent({ ...miss, page: 'https://crm.example.com/a?phone=13812345678' }, 'ev_anc_0003')).toBeUndefined();
  });
});

describe('abandoned contacts', () => {
  const open = (id: string, updatedAt: number): Run => ({ ...finishedRun({ id }), status: 'open', finishedAt: undefined, updatedAt });

  it('are the open ones untouched for a shift (8 hours)', () => {
    const now = T0 + 10 * 3600_000;
    const runs = [open('old', now - ABANDON_AFTER_MS), open('recent', now - ABANDON_AFTER_MS + 1), finishedRun({ id: 'done', updatedAt: T0 })];
    expect(abandonedRuns(runs, now).map((r) => r.id)).toEqual(['old']);
  });

  it('are reported as far as they went, the last step timed until last touched, outcome abandoned, counted once with the run', () => {
    const r = abandonedEvent(open('run-1', T0 + 31_000), pack, 'ev_abandon1')!;
    expect(r.origin).toBe(runEvent(finishedRun(), pack, 'ev_x0000000')!.origin);
    expect(r.event).toMatchObject({ type: 'run', at: T0 + 31_000, outcome: 'abandoned', procedureId: 'callback' });
    expect((r.event as { path: { ms: number }[] }).path.at(-1)).toEqual({ stepId: 'close', ms: 1_000 });
    expect(v.safeParse(EventSchema, r.event).success).toBe(true);
    expect(abandonedEvent(finishedRun(), pack, 'ev_abandon2')).toBeUndefined();
  });
});
