import type { Channel, Procedure } from '../pack/schema';
import type { Run } from './run';
import { clip, LABEL_MAX } from './text';

export type StartOptions = {
  /** Caller-made id (e.g. `crypto.randomUUID()`), so the engine stays deterministic. */
  id: string;
  /** Epoch ms; supplied by the caller for the same reason. */
  at: number;
  channel?: Channel;
  label?: string;
};

/** A fresh run standing on the procedure's start step. */
export function startRun(procedure: Procedure, pack: { id: string; version: number }, opts: StartOptions): Run {
  const run: Run = {
    id: opts.id,
    packId: pack.id,
    packVersion: pack.version,
    procedureId: procedure.id,
    status: 'open',
    path: [{ stepId: procedure.start, at: opts.at }],
    ticks: {},
    skips: {},
    choices: {},
    createdAt: opts.at,
    updatedAt: opts.at,
    rev: 0,
  };
  if (opts.channel !== undefined) run.channel = opts.channel;
  // Same normalising as the `label` event, so a label is valid against RunSchema however it got in.
  const label = clip(opts.label ?? '', LABEL_MAX);
  if (label !== '') run.label = label;
  return run;
}
