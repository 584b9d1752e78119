/** Agent settings and profile. Stored by the background; the schema is the type. */
import * as v from 'valibot';
import { ModeSchema } from '../engine/run';
import { ShortcutOverridesSchema } from '../shortcuts/schema';
import { SubscriptionsSchema, TrustedKeysSchema } from '../distribution/config-schema';

export const LangSettingSchema = v.picklist(['auto', 'zh-CN', 'en']);

/** A Chrome match pattern for a CRM site, e.g. `https://crm.example.com/*`. */
export const SitePatternSchema = v.pipe(v.string(), v.regex(/^(https?|\*):\/\/(\*|\*\.[^/*]+|[^/*]+)\/.*$/, 'must look like https://crm.example.com/*'));

export const ProfileSchema = v.strictObject({
  company: v.pipe(v.string(), v.maxLength(80)),
  agentId: v.pipe(v.string(), v.maxLength(40)),
  name: v.pipe(v.string(), v.maxLength(80)),
});

export const SettingsSchema = v.strictObject({
  mode: ModeSchema,
  lang: LangSettingSchema,
  profile: ProfileSchema,
  sites: v.array(SitePatternSchema),
  panelOpen: v.boolean(),
  panelWidth: v.pipe(v.number(), v.integer(), v.minValue(280), v.maxValue(640)),
  /** The run the panel shows; restored after reloads and restarts. `null`: the picker (messages drop `undefined`). */
  activeRunId: v.optional(v.nullable(v.string())),
  /** The agent's key bindings over the defaults (lib/shortcuts/keymap.ts), refused on receipt if they clash. */
  shortcuts: ShortcutOverridesSchema,
  /** Also take the panel's Alt shortcuts while the focus is in the CRM page (off: CRMs have their own). */
  pageShortcuts: v.boolean(),
  /** Pack URLs the agent subscribed to, and the public keys their packs must be signed with (policy adds more). */
  subscriptions: SubscriptionsSchema,
  trustedKeys: TrustedKeysSchema,
  allowUnsigned: v.boolean(),
});

export const SettingsPatchSchema = v.partial(SettingsSchema);

export type Settings = v.InferOutput<typeof SettingsSchema>;
export type SettingsPatch = v.InferOutput<typeof SettingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = {
  mode: 'newHire',
  lang: 'auto',
  profile: { company: '', agentId: '', name: '' },
  sites: [],
  panelOpen: true,
  panelWidth: 360,
  shortcuts: {},
  pageShortcuts: false,
  subscriptions: [],
  trustedKeys: [],
  allowUnsigned: false,
};
