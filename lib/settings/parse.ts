/**
 * Stored settings parsed field by field, after refined-github's hotfix-parse: one bad value
 * (a key a later version renamed, one invalid site pattern, a wrong type written by an old
 * build) must not reset the agent's profile, sites, subscriptions and trusted keys. Every
 * good field is kept, every good item of a list is kept, the bad ones are dropped and
 * reported, unknown keys are ignored (and left in the stored record: see mergePatch). Pure.
 */
import * as v from 'valibot';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings, type SettingsPatch } from './schema';

export interface SettingsIssue {
  /** `sites[2]`, `panelWidth`, or `(record)` when the stored value is not an object at all. */
  path: string;
  message: string;
}

type Field = keyof Settings;
const FIELDS = Object.keys(SettingsSchema.entries) as Field[];
/** List fields whose items are checked one by one: a bad item drops only itself. */
const LISTS = new Set<Field>(['sites', 'subscriptions', 'trustedKeys']);

const firstMessage = (issues: readonly v.BaseIssue<unknown>[]) => issues[0]?.message ?? 'is invalid';

function listItemSchema(field: Field): v.GenericSchema | undefined {
  let schema = SettingsSchema.entries[field] as v.GenericSchema & { pipe?: unknown[]; item?: v.GenericSchema };
  if (schema.pipe) schema = schema.pipe[0] as typeof schema;
  return schema.item;
}

/** The valid items of a stored list, each bad one reported; the list's own checks (max length) run after. */
function parseList(field: Field, raw: unknown, issues: SettingsIssue[]): unknown {
  const item = listItemSchema(field);
  if (!Array.isArray(raw) || !item) return raw;
  const kept: unknown[] = [];
  raw.forEach((entry, i) => {
    const r = v.safeParse(item, entry);
    if (r.success) kept.push(r.output);
    else issues.push({ path: `${field}[${i}]`, message: firstMessage(r.issues) });
  });
  return kept;
}

export function parseSettings(raw: unknown): { settings: Settings; issues: SettingsIssue[] } {
  const issues: SettingsIssue[] = [];
  const settings = { ...DEFAULT_SETTINGS } as Record<Field, unknown>;
  if (raw === undefined || raw === null) return { settings: settings as Settings, issues };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { settings: settings as Settings, issues: [{ path: '(record)', message: 'is not an object' }] };
  }
  const record = raw as Record<string, unknown>;
  for (const field of FIELDS) {
    if (!Object.hasOwn(record, field) || record[field] === undefined) continue;
    const value = LISTS.has(field) ? parseList(field, record[field], issues) : record[field];
    const r = v.safeParse(SettingsSchema.entries[field] as v.GenericSchema, value);
    if (r.success) settings[field] = r.output;
    else issues.push({ path: field, message: firstMessage(r.issues) });
  }
  return { settings: settings as Settings, issues };
}

/**
 * The record to store after a patch: the raw stored record with only the patched fields
 * replaced. A field that failed to parse (or one this version does not know) stays as it
 * was stored, so a patch of another field never overwrites it with a default.
 */
export function mergePatch(raw: unknown, patch: SettingsPatch): Record<string, unknown> {
  const base = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const next: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) if (value !== undefined) next[key] = value;
  return next;
}
