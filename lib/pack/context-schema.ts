/**
 * The pack's view of the CRM page: which sites it knows, what it reads there (customer
 * fields), which procedure a page suggests, the elements a step points at (anchors) and
 * the text templates (intake record, transfer brief). All optional: a pack without them
 * works as before. Cross-references (procedure ids, template variables) are checked in
 * check.ts; these schemas only fix the shape.
 */
import * as v from 'valibot';
import { IdSchema, LTextSchema } from './base-schema';

const text = (max: number) => v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(max, `is longer than ${max} characters`));

/**
 * A dotted name such as `customer.name`: the dot keeps page fields apart from the built-in
 * variables (`company`, `need`, …) and matches the `{customer.name}` placeholder syntax.
 */
export const FieldIdSchema = v.pipe(
  v.string(),
  v.regex(/^[a-z][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$/, 'must be a dotted name like "customer.name"'),
  v.maxLength(60, 'is longer than 60 characters'),
);

/**
 * Where an element is: a CSS selector, or the text of its label (a `<label for>`, or the
 * table cell beside the field in legacy layouts). Exactly one of the two; check.ts says so.
 */
export const LocatorEntries = {
  selector: v.optional(text(500)),
  labelText: v.optional(text(100)),
  /** Only look in frames whose URL contains this text, or whose name is exactly this. */
  frame: v.optional(text(200)),
};

/** How a value is masked wherever it is stored or exported (the SOP's 信息保密 rule). */
export const MaskSchema = v.picklist(['phone', 'id', 'name', 'text']);

export const FieldSchema = v.strictObject({
  id: FieldIdSchema,
  name: LTextSchema,
  ...LocatorEntries,
  /** Default `text`: the whole value is hidden. */
  mask: v.optional(MaskSchema),
  /** Keep the (masked) value with the run. Otherwise it lives only in the open panel's memory. */
  storable: v.optional(v.boolean()),
});

/** Suggest a procedure when every condition given holds (at least one is required). */
export const SuggestSchema = v.strictObject({
  procedure: IdSchema,
  /** An element matching this CSS selector exists in some frame of the page. */
  selector: v.optional(text(500)),
  /** The page or frame URL matches this match pattern or glob. */
  url: v.optional(text(500)),
});

// --- guards (issue 13.1, 13.2): sensitive controls and field checks -------------------------

/**
 * A CRM control that must wait until the customer's identity is verified ("Change plan",
 * "Reset password"). Found like a field: a CSS selector, or the control's own text (a button's
 * label) with `labelText`. `verifiedBy`: the checklist items whose tick unlocks it; without it,
 * any item marked `verifiesIdentity` in the contact's procedure does (the default pack's 2.2).
 */
export const GuardSchema = v.strictObject({
  id: IdSchema,
  name: LTextSchema,
  ...LocatorEntries,
  verifiedBy: v.optional(v.pipe(v.array(IdSchema), v.minLength(1, 'needs at least one checklist item id'), v.maxLength(20, 'has more than 20 items'))),
});

/** Warning: Save goes ahead and the field is marked. Block: Save is held until fixed or overridden. */
export const RuleModeSchema = v.picklist(['warn', 'block']);

/** One CRM field and what it must hold when the agent presses the check's submit control. */
export const FieldRuleSchema = v.strictObject({
  id: IdSchema,
  /** The field's name as the agent knows it, shown beside it: "Mobile number". */
  name: LTextSchema,
  ...LocatorEntries,
  required: v.optional(v.boolean()),
  /** A JavaScript regular expression the whole value must match (anchored for you). */
  pattern: v.optional(text(300)),
  minLength: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0, 'must be 0 or more'))),
  maxLength: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1, 'must be 1 or more'))),
  /** The value must be one of these (a select's chosen option text, or the typed text). */
  oneOf: v.optional(v.pipe(v.array(text(100)), v.minLength(1, 'needs at least one value'), v.maxLength(50, 'has more than 50 values'))),
  /** Default `warn`. */
  mode: v.optional(RuleModeSchema),
  /** What to tell the agent instead of the generated message. */
  message: v.optional(LTextSchema),
});

/** Rules checked when the agent presses one submit control (a form's Save). */
export const FieldCheckSchema = v.strictObject({
  id: IdSchema,
  /** The Save button (or any control whose click submits). */
  submit: v.strictObject(LocatorEntries),
  rules: v.pipe(v.array(FieldRuleSchema), v.minLength(1, 'needs at least one rule'), v.maxLength(50, 'has more than 50 rules')),
});

export const SiteSchema = v.strictObject({
  id: IdSchema,
  /** URL match patterns (`http://127.0.0.1/*`, `*://*.crm.example.com/*`) or globs (`*://crm/*ticket*`). */
  match: v.pipe(v.array(text(500)), v.minLength(1, 'needs at least one URL pattern')),
  fields: v.optional(v.array(FieldSchema)),
  suggest: v.optional(v.array(SuggestSchema)),
  /** Sensitive controls held until identity is verified (issue 13.1). */
  guards: v.optional(v.pipe(v.array(GuardSchema), v.maxLength(50, 'has more than 50 guards'))),
  /** Field checks before Save (issue 13.2). */
  checks: v.optional(v.pipe(v.array(FieldCheckSchema), v.maxLength(20, 'has more than 20 checks'))),
});

export const AnchorSchema = v.strictObject({
  /** What the element is, shown on the "Show me" button, e.g. "Notes field". */
  name: LTextSchema,
  ...LocatorEntries,
});

export const TemplateSchema = v.strictObject({
  id: IdSchema,
  title: LTextSchema,
  /** `{need}`, `{customer.name}`, `{customer.phone|masked}`, `{steps}`, … (see lib/context/template.ts). */
  text: LTextSchema,
  /** Steps that offer this template (ids; for pack-level templates, in any procedure that has them). */
  steps: v.pipe(v.array(IdSchema), v.minLength(1, 'needs at least one step id')),
});

export const SitesSchema = v.pipe(v.array(SiteSchema), v.maxLength(50, 'has more than 50 sites'));
export const AnchorsSchema = v.pipe(v.array(AnchorSchema), v.maxLength(10, 'has more than 10 anchors'));
export const TemplatesSchema = v.pipe(v.array(TemplateSchema), v.maxLength(50, 'has more than 50 templates'));

export type Field = v.InferOutput<typeof FieldSchema>;
export type Mask = v.InferOutput<typeof MaskSchema>;
export type Suggest = v.InferOutput<typeof SuggestSchema>;
export type Site = v.InferOutput<typeof SiteSchema>;
export type Anchor = v.InferOutput<typeof AnchorSchema>;
export type Template = v.InferOutput<typeof TemplateSchema>;
export type Guard = v.InferOutput<typeof GuardSchema>;
export type FieldRule = v.InferOutput<typeof FieldRuleSchema>;
export type FieldCheck = v.InferOutput<typeof FieldCheckSchema>;
export type RuleMode = v.InferOutput<typeof RuleModeSchema>;
/** What a content script needs to find an element; no pack text. */
export type Locator = { selector?: string; labelText?: string; frame?: string };

/**
 * Variables every template can use besides the pack's page fields (lib/context/run-vars.ts
 * computes them from the run). Listed here, with the format, so check.ts can refuse a
 * template that names something that will never have a value.
 */
export const TEMPLATE_BUILTINS = [
  'need',
  'choices',
  'outcome',
  'checklist',
  'steps',
  'step',
  'procedure',
  'channel',
  'startedAt',
  'duration',
  'now',
  'company',
  'agentId',
  'agentName',
] as const;
