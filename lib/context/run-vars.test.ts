import { describe, expect, it } from 'vitest';
import type { Run } from '../engine/run';
import type { Procedure } from '../pack/schema';
import { formatDateTime, formatDuration, runVariables } from './run-vars';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const procedure: Procedure = {
  id: 'inbound',
  title: L('电话呼入', 'Inbound call'),
  kind: 'contact',
  start: 'verify',
  steps: [
    {
      id: 'verify',
      title: L('身份确认', 'Verify'),
      next: 'classify',
      checklist: [
        { id: 'id-ok', text: L('已核实身份', 'Identity verified'), required: true },
        { id: 'history', text: L('已查看历史工单', 'History checked'), required: true },
        { id: 'never', text: L('未勾选', 'Not ticked'), required: false },
      ],
    },
    { id: 'classify', title: L('需求分类', 'Classify'), choices: [{ id: 'consult', label: L('咨询', 'Enquiry'), next: 'outcome' }] },
    { id: 'outcome', title: L('处理结果', 'Outcome'), choices: [{ id: 'transfer', label: L('转接', 'Transfer'), next: 'record' }] },
    { id: 'record', title: L('受理记录', 'Record') },
    { id: 'unvisited', title: L('未到达', 'Not reached'), checklist: [{ id: 'other', text: L('其他', 'Other'), required: false }] },
  ],
};
const t0 = new Date(2024, 4, 1, 9, 5, 0).getTime();
const run: Run = {
  id: 'r1',
  packId: 'p',
  packVersion: 1,
  procedureId: 'inbound',
  status: 'open',
  path: [
    { stepId: 'verify', at: t0 },
    { stepId: 'classify', at: t0 + 35_000 },
    { stepId: 'outcome', at: t0 + 95_000 },
    { stepId: 'record', at: t0 + 100_000 },
  ],
  ticks: { 'id-ok': t0 + 10_000, other: t0 },
  skips: { history: { reason: '客户赶时间', at: t0 + 20_000 } },
  choices: { classify: 'consult', outcome: 'transfer' },
  createdAt: t0,
  updatedAt: t0 + 100_000,
  rev: 6,
};

describe('runVariables', () => {
  it('describes the run so far in the panel language', () => {
    const vars = runVariables(run, procedure, 'zh-CN', t0 + 130_000);
    expect(vars).toEqual({
      procedure: '电话呼入',
      step: '受理记录',
      need: '咨询',
      choices: '需求分类: 咨询\n处理结果: 转接',
      outcome: '转接',
      checklist: '✓ 已核实身份\n✗ 已查看历史工单 (客户赶时间)',
      steps: '1. 身份确认 0:35\n2. 需求分类 1:00\n3. 处理结果 0:05\n4. 受理记录 0:30',
      startedAt: '2024-05-01 09:05',
      duration: '2:10',
      now: '2024-05-01 09:07',
    });
  });

  it('uses English text when asked, and stops the clock at finish', () => {
    const vars = runVariables({ ...run, status: 'finished', finishedAt: t0 + 3_725_000 }, procedure, 'en', t0 + 9_999_999);
    expect(vars.need).toBe('Enquiry');
    expect(vars.duration).toBe('1:02:05');
    expect(vars.steps.split('\n')[3]).toBe('4. Record 1:00:25');
  });

  it('leaves need and outcome empty before any branch is taken', () => {
    const start = { ...run, path: [run.path[0]!], choices: {} };
    expect(runVariables(start, procedure, 'zh-CN', t0)).toMatchObject({ need: '', outcome: '', choices: '' });
  });
});

describe('formatting', () => {
  it('formats durations and local date-times', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(59_600)).toBe('1:00');
    expect(formatDuration(-5)).toBe('0:00');
    expect(formatDateTime(new Date(2024, 0, 2, 3, 4).getTime())).toBe('2024-01-02 03:04');
  });
});
