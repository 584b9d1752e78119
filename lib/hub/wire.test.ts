import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { backSteps } from './ingest';
import { RateLimiter } from './rate-limit';
import { hashPassword, verifyPassword } from './secrets';
import { AnchorEventSchema, EventSchema, RunEventSchema } from './wire';

const run = {
  id: 'evt_00000001',
  type: 'run',
  at: 1,
  packId: 'acme.team-b',
  version: 1,
  procedureId: 'callback',
  channel: 'phone',
  path: [{ stepId: 'open', ms: 10 }],
  skipped: [],
  outcome: 'finished',
};

describe('hub wire schemas keep customer data out', () => {
  it('accept a run summary and refuse any field beyond the schema (a page value, a label)', () => {
    expect(v.safeParse(RunEventSchema, run).success).toBe(true);
    for (const extra of [{ label: 'Mr Wang' }, { values: { phone: '13812345678' } }])
      expect(v.safeParse(RunEventSchema, { ...run, ...extra }).success).toBe(false);
    expect(v.safeParse(RunEventSchema, { ...run, path: [{ stepId: 'open', ms: 10, text: 'typed' }] }).success).toBe(false);
  });
  it('allow free text only in a skip reason: trimmed, at most 200 characters, digit runs masked', () => {
    const parsed = v.parse(RunEventSchema, { ...run, skipped: [{ itemId: 'verify', stepId: 'open', reason: '  account 6222021234567890 locked ' }] });
    expect(parsed.skipped[0]!.reason).toBe('account 622*********7890 locked');
    expect(v.safeParse(RunEventSchema, { ...run, skipped: [{ itemId: 'verify', stepId: 'open', reason: ' ' }] }).success).toBe(false);
  });
  it('refuse ids that are not ids (free text smuggled in an id field)', () => {
    expect(v.safeParse(RunEventSchema, { ...run, procedureId: '张三 13812345678' }).success).toBe(false);
    expect(v.safeParse(EventSchema, { ...run, type: 'keystrokes' }).success).toBe(false);
  });
  it('take a broken-anchor page without its query and with digit runs masked', () => {
    const anchor = { id: 'evt_00000002', type: 'anchor', at: 1, packId: 'acme.team-b', anchorId: 'phone' };
    expect(v.parse(AnchorEventSchema, { ...anchor, page: 'https://crm.example/c/13812345678/edit' }).page).toBe('https://crm.example/c/138****5678/edit');
    expect(v.safeParse(AnchorEventSchema, { ...anchor, page: 'https://crm.example/c?phone=13812345678' }).success).toBe(false);
  });
});

describe('hub helpers', () => {
  it('count a step entered again as a back-step', () => {
    expect(backSteps(['a', 'b', 'a', 'b', 'c'])).toBe(2);
    expect(backSteps(['a', 'b', 'c'])).toBe(0);
  });
  it('rate-limit by key with a burst and a refill', () => {
    let t = 0;
    const rl = new RateLimiter({ burst: 2, perMinute: 2 }, () => t);
    expect([rl.take('x'), rl.take('x'), rl.take('x'), rl.take('y')]).toEqual([true, true, false, true]);
    t += 30_000;
    expect(rl.take('x')).toBe(true);
    expect(rl.take('x')).toBe(false);
  });
  it('hash passwords with scrypt and a salt, verifying only the right one', async () => {
    const [a, b] = [await hashPassword('correct horse'), await hashPassword('correct horse')];
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horsf', a)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });
});
