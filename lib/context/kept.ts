/**
 * Page values kept with a run: only fields the pack marks storable, masked before they are
 * stored (lib/context/pack-context.ts). One row per run in Dexie (table `kept`); deleting the
 * run deletes its row in the same transaction.
 */
import * as v from 'valibot';
import { IdSchema } from '../pack/base-schema';

export const MAX_KEPT = 500;

export const KeptValuesSchema = v.strictObject({
  runId: v.pipe(v.string(), v.minLength(1), v.maxLength(80)),
  packId: IdSchema,
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  /** Field id → masked value. */
  values: v.pipe(v.record(v.string(), v.pipe(v.string(), v.maxLength(500))), v.maxEntries(100)),
  at: v.pipe(v.number(), v.integer(), v.minValue(0)),
});

export type KeptValues = v.InferOutput<typeof KeptValuesSchema>;
