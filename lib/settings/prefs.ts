/**
 * The settings the panel may change (Options may too): how the panel looks. Everything
 * else — trusted keys, unsigned packs, subscriptions, sites, the agent's profile, shortcuts
 * and page shortcuts — changes only from the options page (issue #10):
 * - trust and sources decide which code-like content (packs) runs and where Cuecard runs;
 * - the profile is the identity written into phrases the agent sends to customers;
 * - shortcuts and page shortcuts decide which keys content scripts take from CRM pages.
 * The panel has no UI for any of them, so it loses nothing; a panel that is confused or
 * framed where it should not be cannot widen what Cuecard trusts or where it listens.
 * `panelOpen` is not here either: `panel.setOpen` changes it and lays out every tab. Nor is
 * `activeRunId`: the contact shown is kept per tab and changes through `run.activate`
 * (lib/session/active-run.ts), which also records it as the agent's most recent contact.
 */
import * as v from 'valibot';
import { SettingsSchema } from './schema';

export const PREF_KEYS = ['mode', 'lang', 'panelWidth'] as const;

export const PrefsPatchSchema = v.partial(v.pick(SettingsSchema, PREF_KEYS));
export type PrefsPatch = v.InferOutput<typeof PrefsPatchSchema>;
