/**
 * Puts panel text into the host page's field at the saved caret, the way a paste would, and then
 * reads the field back: a CRM that silently drops the text must be reported, not assumed to work.
 * Contenteditables and rich-text editors: ./insert-rich.ts.
 */
import { deepActiveElement, type Editable } from './focus';
import { intoRich } from './insert-rich';
import { isShown } from './shown';

/**
 * Failures are codes, not sentences: the panel words them in the agent's language (the
 * background adds 'no-field' and 'field-gone' for frames). `limit`/`kept` carry the numbers.
 */
export type InsertFailure =
  'hidden' | 'disabled' | 'read-only' | 'too-long' | 'cut-short' | 'rejected' | 'changed' | 'not-editable' | 'field-gone' | 'closed-shadow';
export type InsertResult = { ok: true; method: string } | { ok: false; reason: InsertFailure; limit?: number; kept?: number };

type Field = Extract<Editable, { kind: 'field' }>;

const fail = (reason: InsertFailure, numbers: { limit?: number; kept?: number } = {}): InsertResult => ({ ok: false, reason, ...numbers });
const GONE = 'field-gone';
const REJECTED = 'rejected';

/**
 * Inserts `text` into `target`, replacing its saved selection, and advances the saved caret past
 * the inserted text (so a second insert follows the first).
 */
export async function insertText(target: Editable, text: string): Promise<InsertResult> {
  const refused = refusal(target);
  if (refused) return fail(refused);
  if (!text) return { ok: true, method: 'none' };
  return target.kind === 'field' ? intoField(target, text) : intoRich(target, text);
}

/**
 * Checked before anything is written: the target may have changed since the agent chose it, or
 * the page may have hidden it (the value setter below would still write into a field the agent
 * cannot see, disabled or inert, which focus() and typing could not reach).
 */
function refusal({ el }: Editable): InsertFailure | null {
  if (!el.isConnected) return GONE;
  if (!isShown(el)) return 'hidden';
  if (el.closest('[inert]') || el.matches(':disabled')) return 'disabled';
  if ((el as HTMLInputElement).readOnly) return 'read-only';
  return null;
}

/**
 * execCommand keeps the browser's undo stack and fires a trusted `input` event that React/Vue
 * bindings handle like typing. It only acts on the focused element, so refuse if focus did not
 * land (e.g. Chrome blocks focus() in a frame without user activation): it would type elsewhere.
 */
function execInsert(el: HTMLElement, text: string): void {
  const doc = el.ownerDocument;
  if (deepActiveElement(doc) !== el || typeof doc.execCommand !== 'function') return;
  try {
    doc.execCommand('insertText', false, text);
  } catch {
    /* a later read-back decides */
  }
}

function fireInput(el: HTMLElement, text: string): void {
  const w = el.ownerDocument.defaultView ?? window;
  el.dispatchEvent(new w.InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: text }));
}

function intoField(t: Field, text: string): InsertResult {
  const { el } = t;
  el.focus({ preventScroll: true });
  // Read after focus(): legacy pages clear "请输入…" placeholder values in onfocus handlers.
  const before = el.value;
  const start = Math.min(t.start, before.length);
  const end = Math.min(Math.max(t.end, start), before.length);
  const expected = before.slice(0, start) + text + before.slice(end);
  // Checked up front: the browser would silently cut a user edit at maxlength.
  if (el.maxLength >= 0 && expected.length > el.maxLength) return fail('too-long', { limit: el.maxLength });
  let hasSelectionApi = true;
  try {
    el.setSelectionRange(start, end);
  } catch {
    hasSelectionApi = false; // type=email has no selection API; the caret stays where it was
  }
  let method = 'execCommand';
  execInsert(el, text);
  if (el.value === before) {
    method = 'value-setter';
    setNativeValue(el, expected);
    try {
      el.setSelectionRange(start + text.length, start + text.length);
    } catch {
      /* see above */
    }
    fireInput(el, text);
    // A script-set value never fires `change` on blur; legacy validation listens for it.
    el.dispatchEvent(new (el.ownerDocument.defaultView ?? window).Event('change', { bubbles: true }));
  }
  if (!el.isConnected) return fail(GONE); // the page re-rendered the form in its input handler
  const v = el.value;
  if (v === expected || (!hasSelectionApi && v !== before && v.includes(text))) {
    t.start = t.end = start + text.length;
    return { ok: true, method };
  }
  if (v === before) return fail(REJECTED);
  const cut = v.length - before.length + (end - start);
  if (cut >= 0 && cut < text.length && v === before.slice(0, start) + text.slice(0, cut) + before.slice(end)) return fail('cut-short', { kept: cut });
  return fail('changed');
}

/**
 * Sets the value through the prototype's setter, bypassing an own `value` property a framework
 * installed on the element: React's value tracker compares against what went through its own
 * setter, so only this makes the following `input` event count as a change.
 */
function setNativeValue(el: HTMLInputElement | HTMLTextAreaElement, v: string): void {
  let p: object | null = Object.getPrototypeOf(el) as object | null;
  let d: PropertyDescriptor | undefined;
  while (p && !(d = Object.getOwnPropertyDescriptor(p, 'value'))) p = Object.getPrototypeOf(p) as object | null;
  if (d?.set) d.set.call(el, v);
  else el.value = v;
}
