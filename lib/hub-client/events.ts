/**
 * What the extension reports to a team hub, built from what it already stores: a finished
 * run, an acknowledgement, the release in use. Pure, so the privacy of the mapping is unit
 * tested: only ids, times, the channel and the outcome leave the machine, plus a skip reason
 * cut and digit-masked by the wire schema (lib/hub/wire.ts). The run's label, the page values
 * it kept and the phrases as inserted are never read here.
 */
import * as v from 'valibot';
import type { Run } from '../engine/run';
import type { Pack } from '../pack/schema';
import { AckEventSchema, AnchorEventSchema, ReleaseEventSchema, RunEventSchema, WIRE_LIMITS, type HubEvent } from '../hub/wire';

/** A queued event with what it came from, so the same fact is not queued twice. */
export interface Reported {
  event: HubEvent;
  /** `run:<runId>`, `ack:<pack>@<version>/<procedure>/<phrase>`, `release:<pack>@<version>#<sequence>`. */
  origin: string;
}

const MAX_STEP_MS = 864e5;
const clampMs = (ms: number) => Math.min(MAX_STEP_MS, Math.max(0, Math.round(Number.isFinite(ms) ? ms : 0)));

/** The step whose checklist holds the item (item ids are unique within a procedure). */
function stepOfItem(pack: Pack | null, procedureId: string, itemId: string): string | undefined {
  const proc = pack?.procedures.find((p) => p.id === procedureId);
  return proc?.steps.find((s) => s.checklist?.some((i) => i.id === itemId))?.id;
}

/**
 * An open contact nobody touched for this long was dropped, not paused: a shift is 8 hours,
 * and an agent who comes back after the break to the same customer does so within it.
 */
export const ABANDON_AFTER_MS = 8 * 3600_000;

/** Open contacts untouched for `ABANDON_AFTER_MS` by `now`: to report as abandoned. */
export function abandonedRuns(open: readonly Run[], now: number, after = ABANDON_AFTER_MS): Run[] {
  return open.filter((r) => r.status === 'open' && now - r.updatedAt >= after);
}

/** The summary of one finished contact; undefined for a run that is still open. */
export function runEvent(run: Run, pack: Pack | null, id: string): Reported | undefined {
  return run.status === 'finished' ? summary(run, pack, id, run.finishedAt ?? run.updatedAt, 'finished') : undefined;
}

/**
 * The summary of a contact left open (see `abandonedRuns`): the steps as far as it went, the
 * last one timed until the agent last touched it, outcome "abandoned". Same origin as a
 * finished one: a contact is counted once.
 */
export function abandonedEvent(run: Run, pack: Pack | null, id: string): Reported | undefined {
  return run.status === 'open' ? summary(run, pack, id, run.updatedAt, 'abandoned') : undefined;
}

function summary(run: Run, pack: Pack | null, id: string, end: number, outcome: 'finished' | 'abandoned'): Reported {
  // Time on a step: until the next step was entered, the last one until the contact ended.
  const path = run.path.slice(0, WIRE_LIMITS.stepsPerRun).map((visit, i) => ({
    stepId: visit.stepId,
    ms: clampMs((run.path[i + 1]?.at ?? end) - visit.at),
  }));
  const last = run.path[run.path.length - 1]!.stepId;
  const skipped = Object.entries(run.skips)
    .sort(([, a], [, b]) => a.at - b.at)
    .slice(0, WIRE_LIMITS.skipsPerRun)
    .map(([itemId, skip]) => ({
      itemId,
      stepId: stepOfItem(pack, run.procedureId, itemId) ?? last,
      // The wire schema refuses longer reasons: cut here, it masks digit runs as it parses.
      reason: [...skip.reason.trim()].slice(0, WIRE_LIMITS.skipReasonChars).join('') || '-',
    }));
  const event = v.parse(RunEventSchema, {
    id,
    type: 'run',
    at: end,
    packId: run.packId,
    version: run.packVersion,
    procedureId: run.procedureId,
    ...(run.channel ? { channel: run.channel } : {}),
    path,
    skipped,
    outcome,
  });
  return { event, origin: `run:${run.id}` };
}

/** One event per phrase read; `stepOf` finds each phrase's step in that version of the pack. */
export function ackEvents(
  a: { packId: string; version: number; procedureId: string; phraseIds: readonly string[]; at: number },
  pack: Pack | null,
  newId: () => string,
): Reported[] {
  const proc = pack?.procedures.find((p) => p.id === a.procedureId);
  return [...new Set(a.phraseIds)].flatMap((phraseId) => {
    const stepId = proc?.steps.find((s) => s.phrases?.some((p) => p.id === phraseId))?.id;
    if (!stepId) return [];
    const event = v.parse(AckEventSchema, {
      id: newId(),
      type: 'ack',
      at: a.at,
      packId: a.packId,
      version: a.version,
      procedureId: a.procedureId,
      stepId,
      phraseId,
    });
    return [{ event, origin: `ack:${a.packId}@${a.version}/${a.procedureId}/${phraseId}` }];
  });
}

/** The release of a pack in use now. */
export function releaseEvent(p: { id: string; version: number; sequence?: number }, at: number, id: string): Reported {
  const event = v.parse(ReleaseEventSchema, { id, type: 'release', at, packId: p.id, version: p.version, ...(p.sequence ? { sequence: p.sequence } : {}) });
  return { event, origin: releaseKey(p) };
}

/**
 * A step anchor that found nothing on a CRM page: named `<procedure>.<step>.<position>` (anchors
 * have no ids of their own), with the page as origin and path, personal segments already masked
 * by the caller (lib/context/broken-anchors.ts pageOf). Reported once per anchor and page.
 */
export function anchorEvent(
  a: { packId: string; version: number; procedureId: string; stepId: string; index: number; page: string; at: number },
  id: string,
): Reported | undefined {
  const event = v.safeParse(AnchorEventSchema, {
    id,
    type: 'anchor',
    at: a.at,
    packId: a.packId,
    anchorId: `${a.procedureId}.${a.stepId}.${a.index}`,
    page: a.page,
  });
  if (!event.success) return undefined;
  return { event: event.output, origin: `anchor:${a.packId}@${a.version}/${a.procedureId}/${a.stepId}/${a.index}/${a.page}` };
}

export const releaseKey = (p: { id: string; version: number; sequence?: number }) => `release:${p.id}@${p.version}#${p.sequence ?? 0}`;

/** Random event ids: 16 bytes, base64url (the hub stores each agent's id once). */
export function newEventId(randomBytes: (n: number) => Uint8Array): string {
  const bytes = randomBytes(16);
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
