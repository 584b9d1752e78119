/**
 * Checks for what the agent types on the options page, before anything is sent or asked of
 * the browser. Each refusal names the field and what is wrong, in the agent's language; the
 * schemas stay the rule (the background checks the same again on receipt).
 */
import * as v from 'valibot';
import { ANY_PACK_ID, MAX_PACK_ID_PATTERNS, packIdPatternProblem, splitPackIdPatterns } from '../pack/pack-id-pattern';
import { PackUrlSchema, packUrlProblem, TrustedKeySettingSchema, type TrustedKeySetting } from '../distribution/config-schema';
import { ProfileSchema, SitePatternSchema, type Settings } from '../settings/schema';
import type { MessageKey } from '../i18n/translate';
import { OptionsError } from './errors';

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: OptionsError };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const no = <T>(key: MessageKey, params?: Record<string, string | number>): Checked<T> => ({ ok: false, problem: new OptionsError(key, params) });

export function checkSitePattern(raw: string, current: string[]): Checked<string> {
  const value = raw.trim();
  if (!value) return no('options.sites.required');
  if (!v.is(SitePatternSchema, value)) return no('options.sites.invalid', { value });
  if (current.includes(value)) return no('options.sites.duplicate', { value });
  return ok(value);
}

/** packUrlProblem's sentences, by the key that says the same in both languages. */
const URL_PROBLEMS: Record<string, MessageKey> = {
  'is not a web address': 'options.subs.notUrl',
  'must not contain a user name or password': 'options.subs.credentials',
  'must start with https:// (http:// only for localhost)': 'options.subs.notHttps',
};

export function checkPackUrl(raw: string): Checked<string> {
  const value = raw.trim();
  if (!value) return no('options.subs.required');
  const parsed = v.safeParse(PackUrlSchema, value);
  if (parsed.success) return ok(parsed.output);
  const problem = packUrlProblem(value);
  return no(problem && URL_PROBLEMS[problem] ? URL_PROBLEMS[problem] : 'options.subs.tooLong', { value });
}

export type KeyField = 'publicKey' | 'label' | 'packIds';
export type CheckedKey = { ok: true; value: TrustedKeySetting } | { ok: false; problems: Partial<Record<KeyField, OptionsError>> };

/**
 * Why the typed pack ids cannot be saved (the rules: lib/pack/pack-id-pattern.ts). An agent
 * key must name what it may sign (issue 10: a key bound to nothing could take over any pack),
 * and `*` is the administrator's alone.
 */
function packIdsProblem(ids: string[]): OptionsError | undefined {
  if (!ids.length) return new OptionsError('options.keys.packIdsRequired');
  if (ids.includes(ANY_PACK_ID)) return new OptionsError('options.keys.packIdsAny');
  const bad = ids.filter((id) => packIdPatternProblem(id, { allowAny: false }) !== undefined);
  if (bad.length) return new OptionsError('options.keys.packIdsBad', { ids: bad.map((id) => `"${id}"`).join(', ') });
  return ids.length > MAX_PACK_ID_PATTERNS ? new OptionsError('options.keys.packIdsTooMany', { max: MAX_PACK_ID_PATTERNS }) : undefined;
}

/** Every field's problem at once, so the agent fixes them in one go; the schema has the last word. */
export function checkTrustedKey(publicKey: string, label: string, packIds: string): CheckedKey {
  const entry = { publicKey: publicKey.trim(), packIds: splitPackIdPatterns(packIds), ...(label.trim() ? { label: label.trim() } : {}) };
  const parsed = v.safeParse(TrustedKeySettingSchema, entry);
  const problems: Partial<Record<KeyField, OptionsError>> = {};
  if (!entry.publicKey) problems.publicKey = new OptionsError('options.keys.required');
  const packIdsError = packIdsProblem(entry.packIds);
  if (packIdsError) problems.packIds = packIdsError;
  for (const issue of parsed.issues ?? []) {
    const field = issue.path?.[0]?.key as KeyField | undefined;
    if (field === 'label') problems.label ??= new OptionsError('options.keys.labelTooLong', { max: 80 });
    else if (field === 'packIds') problems.packIds ??= new OptionsError('options.keys.packIdsRequired');
    else problems.publicKey ??= new OptionsError('options.keys.invalid');
  }
  return parsed.success && !Object.keys(problems).length ? { ok: true, value: parsed.output } : { ok: false, problems };
}

type Profile = Settings['profile'];
/** The most each profile field holds (ProfileSchema's maxLength), read from the schema itself. */
export const PROFILE_MAX: Record<keyof Profile, number> = Object.fromEntries(
  Object.entries(ProfileSchema.entries).map(([k, s]) => [k, (s.pipe[1] as { requirement: number }).requirement]),
) as Record<keyof Profile, number>;

/** Per field: the problem, if any. Empty fields are allowed (the phrases show a gap). */
export function checkProfile(p: Profile): Partial<Record<keyof Profile, OptionsError>> {
  const out: Partial<Record<keyof Profile, OptionsError>> = {};
  for (const k of Object.keys(PROFILE_MAX) as (keyof Profile)[]) {
    const length = p[k].trim().length;
    if (length > PROFILE_MAX[k]) out[k] = new OptionsError('options.profile.tooLong', { max: PROFILE_MAX[k], length });
  }
  return out;
}

export const trimProfile = (p: Profile): Profile => ({ company: p.company.trim(), agentId: p.agentId.trim(), name: p.name.trim() });
