/**
 * The agent's own record of one contact (issue 13.5): a timeline of steps (with their times),
 * ticks, skips and their reasons, branch choices and guard overrides, exported as CSV or JSON.
 * Masked for leaving the browser: no run label (it names the customer, lib/session/labels.ts),
 * no page values (a run holds none; kept values are not read here), and the agent's free-text
 * reasons pass through scrubPersonal (lib/context/mask.ts). Pure.
 */
import type { Run } from '../engine/run';
import type { Lang, Pack } from '../pack/schema';
import { t as packText } from '../pack/text';
import { scrubPersonal } from '../context/mask';

export type AuditKind = 'start' | 'step' | 'tick' | 'skip' | 'choice' | 'override' | 'finish';

export interface AuditRow {
  at: string;
  kind: AuditKind;
  step: string;
  /** The item, choice, guard or check the row is about. */
  target: string;
  /** A step's time in seconds; a skip's or override's reason. */
  detail: string;
  /** The step's limit in seconds, from the pack ('' when none). */
  limitSec: string;
}

export interface AuditTimeline {
  runId: string;
  packId: string;
  packVersion: number;
  procedure: string;
  channel: string;
  createdAt: string;
  finishedAt: string;
  rows: AuditRow[];
}

const iso = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString());

export function auditTimeline(run: Run, pack: Pack | undefined, lang: Lang): AuditTimeline {
  const procedure = pack?.procedures.find((p) => p.id === run.procedureId);
  const stepName = (id: string) => {
    const s = procedure?.steps.find((x) => x.id === id);
    return s ? `${id} (${packText(s.title, lang)})` : id;
  };
  const limit = (id: string) => String(procedure?.steps.find((x) => x.id === id)?.timeLimitSec ?? '');
  const stepAt = (ms: number) => {
    let id = run.path[0]!.stepId;
    for (const v of run.path) if (v.at <= ms) id = v.stepId;
    return id;
  };
  const rows: Array<AuditRow & { ms: number; order: number }> = [];
  const add = (ms: number, order: number, row: AuditRow) => rows.push({ ...row, ms, order });
  add(run.createdAt, 0, { at: iso(run.createdAt), kind: 'start', step: stepName(run.path[0]!.stepId), target: run.procedureId, detail: '', limitSec: '' });
  run.path.forEach((v, i) => {
    const end = run.path[i + 1]?.at ?? run.finishedAt;
    const seconds = end === undefined ? '' : String(Math.round((end - v.at) / 1000));
    add(v.at, 1, { at: iso(v.at), kind: 'step', step: stepName(v.stepId), target: v.stepId, detail: seconds, limitSec: limit(v.stepId) });
  });
  for (const [item, ms] of Object.entries(run.ticks))
    add(ms, 2, { at: iso(ms), kind: 'tick', step: stepName(stepAt(ms)), target: item, detail: '', limitSec: '' });
  for (const [item, skip] of Object.entries(run.skips)) {
    add(skip.at, 2, { at: iso(skip.at), kind: 'skip', step: stepName(stepAt(skip.at)), target: item, detail: scrubPersonal(skip.reason), limitSec: '' });
  }
  for (const [stepId, choice] of Object.entries(run.choices)) {
    const next = run.path.findIndex((v, i) => i > 0 && run.path[i - 1]!.stepId === stepId);
    const ms = next > 0 ? run.path[next]!.at : run.updatedAt;
    add(ms, 0.5, { at: iso(ms), kind: 'choice', step: stepName(stepId), target: choice, detail: '', limitSec: '' });
  }
  for (const o of run.overrides ?? []) {
    const target = `${o.kind}:${o.target}${o.rules?.length ? ` [${o.rules.join(' ')}]` : ''}`;
    add(o.at, 2, { at: iso(o.at), kind: 'override', step: stepName(o.stepId), target, detail: scrubPersonal(o.reason), limitSec: '' });
  }
  if (run.finishedAt !== undefined)
    add(run.finishedAt, 3, { at: iso(run.finishedAt), kind: 'finish', step: stepName(run.path.at(-1)!.stepId), target: '', detail: '', limitSec: '' });
  rows.sort((a, b) => a.ms - b.ms || a.order - b.order);
  return {
    runId: run.id,
    packId: run.packId,
    packVersion: run.packVersion,
    procedure: procedure ? `${run.procedureId} (${packText(procedure.title, lang)})` : run.procedureId,
    channel: run.channel ?? '',
    createdAt: iso(run.createdAt),
    finishedAt: iso(run.finishedAt),
    rows: rows.map(({ ms: _ms, order: _order, ...row }) => row),
  };
}

const COLUMNS = ['at', 'kind', 'step', 'target', 'detail', 'limitSec'] as const;

/** RFC 4180 quoting; a leading = + - @ is defused so a spreadsheet never runs a reason as a formula. */
function cell(value: string | number): string {
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function timelineCsv(t: AuditTimeline): string {
  const head = [
    ['run', t.runId],
    ['pack', `${t.packId}@${t.packVersion}`],
    ['procedure', t.procedure],
    ['channel', t.channel],
  ].map((r) => r.map(cell).join(','));
  const lines = [...head, '', COLUMNS.join(','), ...t.rows.map((r) => COLUMNS.map((c) => cell(r[c])).join(','))];
  // A BOM so spreadsheet programs read the Chinese step names as UTF-8.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
