/**
 * The two schemas every part of the pack format builds on. In their own file so that
 * schema.ts and context-schema.ts can both import them without an import cycle.
 */
import * as v from 'valibot';

/** Ids are namespaced-friendly slugs: `telecom.inbound`, `greet-phone`. */
export const IdSchema = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, 'must be a lowercase id (a-z, 0-9, . _ -), at most 80 characters'));

/** Text that can carry Chinese and English. zh-CN is the source language of the SOP. */
export const LTextSchema = v.strictObject({
  'zh-CN': v.pipe(v.string(), v.maxLength(20000, 'is longer than 20,000 characters')),
  en: v.optional(v.pipe(v.string(), v.maxLength(20000, 'is longer than 20,000 characters'))),
});
