/**
 * What changed between two versions of a pack, matched by id — pure, so the extension can
 * show agents the changes after an update and the CLI can print them for review.
 */
import { diffText, type TextOp } from './diff-text';
import type { Lang, LText, Pack } from './schema';

export type { TextOp } from './diff-text';
export { formatDiff } from './diff-format';

export type Status = 'added' | 'removed' | 'changed';

/** A changed text field, one language: ops rebuild the old text (eq+del) and the new (eq+add). */
export interface TextChange {
  field: string;
  lang: Lang;
  ops: TextOp[];
}

/** A changed non-text field (next, channels, required, choices, …), as plain values. */
export interface FieldChange {
  field: string;
  old: unknown;
  new: unknown;
}

interface Entry {
  id: string;
  status: Status;
  /** The entity's name (new one unless removed), for display. */
  title: LText;
  text: TextChange[];
  fields: FieldChange[];
}

export type ItemDiff = Entry;
export interface StepDiff extends Entry {
  phrases: ItemDiff[];
  checklist: ItemDiff[];
}
export interface ProcedureDiff extends Entry {
  steps: StepDiff[];
}
export interface PackDiff {
  packId: string;
  oldVersion: number;
  newVersion: number;
  text: TextChange[];
  fields: FieldChange[];
  procedures: ProcedureDiff[];
}

type Obj = Record<string, unknown>;
interface Shape {
  texts: string[];
  fields: string[];
  name: (o: Obj) => LText;
}

const PROCEDURE: Shape = { texts: ['title', 'description'], fields: ['kind', 'channels', 'start', 'timeLimitSec', 'source'], name: (o) => o.title as LText };
const STEP: Shape = {
  texts: ['title', 'guidance'],
  fields: ['next', 'choices', 'channels', 'timeLimitSec', 'requiresIdentity', 'addition', 'source'],
  name: (o) => o.title as LText,
};
const PHRASE: Shape = { texts: ['text', 'label'], fields: ['channels'], name: (o) => o.text as LText };
const CHECK: Shape = { texts: ['text'], fields: ['required', 'verifiesIdentity'], name: (o) => o.text as LText };

export function diffPacks(oldPack: Pack, newPack: Pack): PackDiff {
  const own = compare(oldPack as unknown as Obj, newPack as unknown as Obj, ['title'], ['id', 'languages']);
  return {
    packId: newPack.id,
    oldVersion: oldPack.version,
    newVersion: newPack.version,
    ...own,
    procedures: diffList(oldPack.procedures, newPack.procedures, PROCEDURE, (a, b) => ({
      steps: diffList(a?.steps ?? [], b?.steps ?? [], STEP, (s, t) => ({
        phrases: diffList(s?.phrases ?? [], t?.phrases ?? [], PHRASE, () => ({})),
        checklist: diffList(s?.checklist ?? [], t?.checklist ?? [], CHECK, () => ({})),
      })),
    })),
  };
}

/** Entries in new order, removed ones after; unchanged entries are left out. */
function diffList<T extends { id: string }, X extends object>(
  olds: readonly T[],
  news: readonly T[],
  shape: Shape,
  children: (a: T | undefined, b: T | undefined) => X,
): (Entry & X)[] {
  const before = new Map(olds.map((o) => [o.id, o]));
  const after = new Set(news.map((n) => n.id));
  const out: (Entry & X)[] = [];
  for (const b of news) {
    const a = before.get(b.id);
    if (!a) {
      out.push({ id: b.id, status: 'added', title: shape.name(b as unknown as Obj), text: [], fields: [], ...children(undefined, undefined) });
      continue;
    }
    const kids = children(a, b);
    const { text, fields } = compare(a as unknown as Obj, b as unknown as Obj, shape.texts, shape.fields);
    const kidsChanged = Object.values(kids).some((v) => Array.isArray(v) && v.length > 0);
    if (text.length || fields.length || kidsChanged) {
      out.push({ id: b.id, status: 'changed', title: shape.name(b as unknown as Obj), text, fields, ...kids });
    }
  }
  for (const a of olds) {
    if (!after.has(a.id))
      out.push({ id: a.id, status: 'removed', title: shape.name(a as unknown as Obj), text: [], fields: [], ...children(undefined, undefined) });
  }
  return out;
}

function compare(a: Obj, b: Obj, texts: string[], fields: string[]): { text: TextChange[]; fields: FieldChange[] } {
  const text: TextChange[] = [];
  for (const field of texts) {
    const x = a[field] as LText | undefined;
    const y = b[field] as LText | undefined;
    for (const lang of ['zh-CN', 'en'] as const) {
      if (x?.[lang] !== y?.[lang]) text.push({ field, lang, ops: diffText(x?.[lang] ?? '', y?.[lang] ?? '', lang) });
    }
  }
  const changed = fields.filter((f) => !same(a[f], b[f])).map((field) => ({ field, old: a[field], new: b[field] }));
  return { text, fields: changed };
}

/** Deep equality for JSON values, ignoring key order. */
function same(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  if (Array.isArray(x) !== Array.isArray(y)) return false;
  const kx = Object.keys(x).filter((k) => (x as Obj)[k] !== undefined);
  const ky = Object.keys(y).filter((k) => (y as Obj)[k] !== undefined);
  return kx.length === ky.length && kx.every((k) => same((x as Obj)[k], (y as Obj)[k]));
}

/** True when the two packs differ in content that the diff reports. */
export function isEmptyDiff(d: PackDiff): boolean {
  return !d.text.length && !d.fields.length && !d.procedures.length;
}
