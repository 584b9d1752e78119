import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACK_SCHEMA_FILE, packJsonSchema, packJsonSchemaText } from './json-schema';

describe('public/pack.schema.json', () => {
  it('is up to date with lib/pack/schema.ts (regenerate: npx cuecard pack schema --out public/pack.schema.json)', () => {
    const committed = readFileSync(resolve(__dirname, '../..', PACK_SCHEMA_FILE), 'utf8');
    expect(committed).toBe(packJsonSchemaText());
  });

  it('describes the pack format strictly', () => {
    const schema = packJsonSchema() as { properties: Record<string, unknown>; additionalProperties: boolean; $defs: Record<string, unknown> };
    expect(schema.properties.format).toEqual({ const: 1 });
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.$defs)).toEqual(expect.arrayContaining(['Procedure', 'Step', 'Phrase', 'LText']));
  });
});
