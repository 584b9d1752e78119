import { describe, expect, it } from 'vitest';
import type { Run } from '../engine/run';
import { fresh, support, T0 } from '../engine/fixtures';
import type { Pack } from '../pack/schema';
import { auditTimeline, timelineCsv } from './timeline';

const pack = { id: 'support', version: 1, procedures: [support] } as unknown as Pack;

function finished(): Run {
  const run = fresh();
  return {
    ...run,
    label: '王先生 13812345678',
    path: [
      { stepId: 'greet', at: T0 },
      { stepId: 'verify', at: T0 + 20_000 },
    ],
    ticks: { 'greet-hello': T0 + 5000 },
    skips: { 'verify-id': { reason: '客户来电号码 13812345678 已核', at: T0 + 25_000 } },
    overrides: [{ kind: 'guard', target: 'change-plan', reason: '=HYPERLINK("x")', stepId: 'verify', at: T0 + 30_000 }],
    status: 'finished',
    finishedAt: T0 + 62_000,
  };
}

describe('auditTimeline', () => {
  it('lists steps with their seconds, ticks, skips and overrides in time order, masked', () => {
    const t = auditTimeline(finished(), pack, 'en');
    expect(t.rows.map((r) => [r.kind, r.target, r.detail])).toEqual([
      ['start', support.id, ''],
      ['step', 'greet', '20'],
      ['tick', 'greet-hello', ''],
      ['step', 'verify', '42'],
      ['skip', 'verify-id', '客户来电号码 138****5678 已核'],
      ['override', 'guard:change-plan', '=HYPERLINK("x")'],
      ['finish', '', ''],
    ]);
    expect(t.packVersion).toBe(finished().packVersion);
    // The label names the customer: never in an export.
    expect(JSON.stringify(t)).not.toContain('王先生');
    expect(JSON.stringify(t)).not.toContain('13812345678');
  });

  it('writes CSV that spreadsheets read safely', () => {
    const csv = timelineCsv(auditTimeline(finished(), pack, 'en'));
    expect(csv.startsWith('\uFEFFrun,')).toBe(true);
    expect(csv).toContain('\r\nat,kind,step,target,detail,limitSec\r\n');
    expect(csv).toContain(`override,verify`);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
