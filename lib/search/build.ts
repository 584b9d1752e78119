/**
 * Builds the palette's search index over every procedure, step and phrase of the installed
 * packs. All string work (normalizing, pinyin initials, sorting) happens here, once, so a
 * query only runs `indexOf` over a few long strings and touches preallocated typed arrays.
 */
import type { LText, Pack } from '../pack/schema';
import { normalize } from './normalize';
import { pinyinInitials } from './pinyin';

export type HitKind = 'procedure' | 'step' | 'phrase';
export const KINDS: readonly HitKind[] = ['procedure', 'step', 'phrase'];

/** Field flags. Primary fields (titles, labels, phrase text) outrank guidance and descriptions. */
export const PRIMARY = 1;
export const EN = 2;

export interface SearchIndex {
  readonly size: number;
  /** Per entry: index into KINDS, ids and the original texts to display. */
  readonly kind: Uint8Array;
  readonly packId: string[];
  readonly procedureId: string[];
  readonly stepId: (string | undefined)[];
  readonly phraseId: (string | undefined)[];
  readonly display: LText[];
  /** Fields of entry e are fieldStart[e] … fieldStart[e + 1] - 1. */
  readonly fieldStart: Int32Array;
  /** Field → its entry. */
  readonly fieldEntry: Int32Array;
  readonly fieldText: string[];
  /** Pinyin initials of each zh field ('' for English fields). */
  readonly fieldPinyin: string[];
  readonly fieldFlags: Uint8Array;
  /**
   * Three haystacks, each the concatenation of every entry's fields joined by `\0` (which no
   * normalized text or query contains, so a match never spans fields), with per-entry start
   * offsets (length size + 1) for mapping a match back to its entry.
   */
  readonly primary: string;
  readonly primaryStart: Int32Array;
  readonly secondary: string;
  readonly secondaryStart: Int32Array;
  readonly pinyin: string;
  readonly pinyinStart: Int32Array;
  /** Primary field ids sorted by text: a binary search finds every prefix match. */
  readonly sortedPrimary: Int32Array;
  /** Scratch for one query: entry → query generation that already scored it. */
  readonly seen: Int32Array;
  generation: number;
}

/** Collects entries column by column: no per-entry objects, since packs can be large. */
class Builder {
  kind: number[] = [];
  packId: string[] = [];
  procedureId: string[] = [];
  stepId: (string | undefined)[] = [];
  phraseId: (string | undefined)[] = [];
  display: LText[] = [];
  fieldStart: number[] = [];
  fieldEntry: number[] = [];
  fieldText: string[] = [];
  fieldPinyin: string[] = [];
  fieldFlags: number[] = [];
  hay = { primary: [] as string[], secondary: [] as string[], pinyin: [] as string[] };
  starts = { primary: [0], secondary: [0], pinyin: [0] };
  length = { primary: 0, secondary: 0, pinyin: 0 };

  entry(kind: number, packId: string, procedureId: string, stepId: string | undefined, phraseId: string | undefined, display: LText): void {
    this.kind.push(kind);
    this.packId.push(packId);
    this.procedureId.push(procedureId);
    this.stepId.push(stepId);
    this.phraseId.push(phraseId);
    this.display.push(display);
    this.fieldStart.push(this.fieldText.length);
  }

  /** Adds a text's zh and en fields to the entry added last. */
  fields(text: LText | undefined, primary: boolean): void {
    if (text?.['zh-CN']) this.field(normalize(text['zh-CN']), primary ? PRIMARY : 0);
    if (text?.en) this.field(normalize(text.en), primary ? PRIMARY | EN : EN);
  }

  /** Closes the entry added last: its haystack sections end here. */
  end(): void {
    this.starts.primary.push(this.length.primary);
    this.starts.secondary.push(this.length.secondary);
    this.starts.pinyin.push(this.length.pinyin);
  }

  private field(text: string, flags: number): void {
    const pinyin = flags & EN ? '' : pinyinInitials(text);
    this.fieldEntry.push(this.kind.length - 1);
    this.fieldText.push(text);
    this.fieldPinyin.push(pinyin);
    this.fieldFlags.push(flags);
    this.append(flags & PRIMARY ? 'primary' : 'secondary', text);
    this.append('pinyin', pinyin);
  }

  private append(which: 'primary' | 'secondary' | 'pinyin', text: string): void {
    if (!text) return;
    this.hay[which].push(text);
    this.length[which] += text.length + 1;
  }
}

export function buildIndex(packs: Pack[]): SearchIndex {
  const b = new Builder();
  for (const pack of packs) {
    for (const proc of pack.procedures) {
      b.entry(0, pack.id, proc.id, undefined, undefined, proc.title);
      b.fields(proc.title, true);
      b.fields(proc.description, false);
      b.end();
      for (const step of proc.steps) {
        b.entry(1, pack.id, proc.id, step.id, undefined, step.title);
        b.fields(step.title, true);
        b.fields(step.guidance, false);
        b.end();
        for (const phrase of step.phrases ?? []) {
          b.entry(2, pack.id, proc.id, step.id, phrase.id, phrase.text);
          b.fields(phrase.text, true);
          b.fields(phrase.label, true);
          b.end();
        }
      }
    }
  }
  const n = b.kind.length;
  b.fieldStart.push(b.fieldText.length);
  const primaryIds = b.fieldFlags.flatMap((f, i) => (f & PRIMARY ? [i] : []));
  // Code-unit order, the order the binary search in search.ts compares in.
  primaryIds.sort((x, y) => {
    const a = b.fieldText[x]!;
    const c = b.fieldText[y]!;
    return a < c ? -1 : a > c ? 1 : x - y;
  });
  // A trailing \0 after every section keeps `indexOf` from matching across fields.
  const join = (parts: string[]) => (parts.length ? parts.join('\0') + '\0' : '');
  return {
    size: n,
    kind: Uint8Array.from(b.kind),
    packId: b.packId,
    procedureId: b.procedureId,
    stepId: b.stepId,
    phraseId: b.phraseId,
    display: b.display,
    fieldStart: Int32Array.from(b.fieldStart),
    fieldEntry: Int32Array.from(b.fieldEntry),
    fieldText: b.fieldText,
    fieldPinyin: b.fieldPinyin,
    fieldFlags: Uint8Array.from(b.fieldFlags),
    primary: join(b.hay.primary),
    primaryStart: Int32Array.from(b.starts.primary),
    secondary: join(b.hay.secondary),
    secondaryStart: Int32Array.from(b.starts.secondary),
    pinyin: join(b.hay.pinyin),
    pinyinStart: Int32Array.from(b.starts.pinyin),
    sortedPrimary: Int32Array.from(primaryIds),
    seen: new Int32Array(n),
    generation: 0,
  };
}
