/**
 * JSON Schema of the pack format, generated from the valibot schemas (the only source of
 * truth). Committed as public/pack.schema.json so editors can check pack JSON and other
 * tools can read the format; a test fails when the file is stale (`cuecard pack schema`).
 */
import { toJsonSchema } from '@valibot/to-json-schema';
import { CoachingSchema, ScenarioSchema } from './coaching-schema';
import { FieldCheckSchema, FieldRuleSchema, GuardSchema } from './context-schema';
import { ChannelSchema, ChecklistItemSchema, ChoiceSchema, IdSchema, LTextSchema, PackSchema, PhraseSchema, ProcedureSchema, StepSchema } from './schema';

export const PACK_SCHEMA_FILE = 'public/pack.schema.json';

export function packJsonSchema(): Record<string, unknown> {
  const schema = toJsonSchema(PackSchema, {
    target: 'draft-07',
    errorMode: 'throw',
    // Named definitions make the file readable and give editors names to show.
    definitions: {
      Id: IdSchema,
      LText: LTextSchema,
      Channel: ChannelSchema,
      Phrase: PhraseSchema,
      ChecklistItem: ChecklistItemSchema,
      Choice: ChoiceSchema,
      Step: StepSchema,
      Procedure: ProcedureSchema,
      Coaching: CoachingSchema,
      Scenario: ScenarioSchema,
      Guard: GuardSchema,
      FieldRule: FieldRuleSchema,
      FieldCheck: FieldCheckSchema,
    },
  });
  return {
    $schema: schema.$schema,
    title: 'Cuecard SOP pack',
    description: 'A contact-centre SOP for the Cuecard side panel (pack format 1). Generated from lib/pack/schema.ts; do not edit.',
    ...schema,
  };
}

/** The committed file's exact text: stable key order, 2-space indent, final newline. */
export function packJsonSchemaText(): string {
  return `${JSON.stringify(packJsonSchema(), null, 2)}\n`;
}
