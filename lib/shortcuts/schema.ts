/**
 * The agent's shortcut overrides as stored in settings: only known actions, only combos that
 * parse, and no conflicts or reserved keys. Kept apart from combo.ts so the content script
 * never pulls valibot in.
 */
import * as v from 'valibot';
import { ACTIONS, type ActionId } from './keymap';
import { checkOverrides } from './validate';

const ComboTextSchema = v.pipe(v.string(), v.maxLength(40, 'is longer than 40 characters'));

export const ShortcutOverridesSchema = v.pipe(
  v.partial(v.strictObject(Object.fromEntries(ACTIONS.map((id) => [id, ComboTextSchema])) as Record<ActionId, typeof ComboTextSchema>)),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    for (const message of checkOverrides(dataset.value)) addIssue({ message });
  }),
);

export type ShortcutOverrides = v.InferOutput<typeof ShortcutOverridesSchema>;
