/**
 * Font warm-up while the panel waits for its state. In a renderer process that has not drawn
 * text yet (the first panel after the browser starts, or after the extension's process
 * exited: reloaded, or disabled and enabled again as the bench does), the first layout that
 * uses a font size or weight pays for font matching (sync IPC to the browser), font setup and
 * cold text-shaping code: the full panel's first layout was one task of 50–130 ms on this busy
 * 2-core machine (test/bench/panel-boot.ts --cold). Measuring a sample of each variant the
 * panel's CSS uses on a canvas goes through the same per-thread font cache and shaper, needs
 * no layout (so it works while the host still has the frame at 0×0, and can never pull the
 * panel's own layout into its task), and a few variants fit in a task. In a warm process a
 * sample costs a fraction of a millisecond.
 */
import { nextMessage } from './yield';

export interface FontVariant {
  size: string;
  weight: string;
  family: string;
}

/** The scripts the panel shows: Han, Latin, digits and the CJK punctuation packs use. */
const SAMPLE = '开始流程客户电话 Cuecard 0123：，（）';

/** Work per task: small enough that one more cold variant still ends well under 50 ms. */
const SLICE_MS = 8;
/** Below this, the first variant was already known: the process is warm. */
const WARM_MS = 1;

type Rules = Iterable<CSSRule>;

/**
 * Distinct (size, weight, family) triples that style rules set (inherited parts left empty),
 * the ones more rules use first: those are likelier to be on screen when the panel appears.
 */
export function fontVariants(sheets: Iterable<{ cssRules: Rules }>): FontVariant[] {
  const seen = new Map<string, { v: FontVariant; rules: number }>();
  const visit = (rules: Rules) => {
    for (const rule of rules) {
      const nested = (rule as { cssRules?: Rules }).cssRules;
      if (nested) visit(nested);
      const style = (rule as { style?: CSSStyleDeclaration }).style;
      if (!style || (!style.fontSize && !style.fontWeight && !style.fontFamily)) continue;
      const v = { size: style.fontSize, weight: style.fontWeight, family: style.fontFamily };
      const key = `${v.size}|${v.weight}|${v.family}`;
      seen.set(key, { v, rules: (seen.get(key)?.rules ?? 0) + 1 });
    }
  };
  for (const sheet of sheets) {
    try {
      visit(sheet.cssRules);
    } catch {
      // A sheet we may not read (another origin): nothing to learn from it.
    }
  }
  return [...seen.values()].sort((a, b) => b.rules - a.rules).map((x) => x.v);
}

export interface BaseFont {
  size: string;
  family: string;
  /** The value of a custom property (the type scale's `--cc-fs-*`), '' if unset. */
  customProperty: (name: string) => string;
}

const set = (value: string) => value !== '' && value !== 'inherit';

/**
 * The canvas `font` for a variant: the parts a rule leaves out come from `base` (the body's),
 * and var(--x) is replaced by its value (a canvas font cannot hold var()).
 */
export function canvasFont(v: FontVariant, base: BaseFont): string {
  const size = set(v.size) ? v.size : base.size;
  const weight = set(v.weight) ? v.weight : 'normal';
  const family = set(v.family) ? v.family : base.family;
  return `${weight} ${size} ${family}`.replace(/var\((--[\w-]+)\)/g, (_, name: string) => base.customProperty(name).trim());
}

/**
 * Measures a sample of each variant that `doc`'s style sheets use (none but the first if that
 * one shows the process is warm), a few per task (up to SLICE_MS, and always at least one:
 * one cold variant can alone take 10–25 ms), while
 * `waiting()` (for the panel's state; after that its render and first frame must not wait
 * behind us). Each task is an ordinary one, queued behind whatever already waits, so the
 * background's answer is never held up by more than one slice.
 */
export async function warmFonts(doc: Document, waiting: () => boolean): Promise<void> {
  await nextMessage();
  const ctx = doc.createElement('canvas').getContext('2d');
  const win = doc.defaultView;
  if (!ctx || !win || !waiting()) return;
  const body = win.getComputedStyle(doc.body);
  const base: BaseFont = { size: body.fontSize || '13px', family: body.fontFamily || 'sans-serif', customProperty: (name) => body.getPropertyValue(name) };
  // The body's own font first: most of the panel's text is set in it (measured: 11 of the
  // picker's 29 text runs), so it is the one the first layout most surely needs.
  const own = canvasFont({ size: '', weight: '', family: '' }, base);
  const fonts = [...new Set([own, ...fontVariants(doc.styleSheets).map((v) => canvasFont(v, base))])];
  if (!fonts.length) return;
  // A process where a panel has drawn before has them all: its first one comes back at once
  // (~0.2 ms; a cold one needs font matching through the browser, 2 ms and more). Measuring
  // all twenty there would still cost a few ms, in the task before the panel renders.
  const first = performance.now();
  ctx.font = fonts[0]!;
  ctx.measureText(SAMPLE);
  if (performance.now() - first < WARM_MS) return;
  await nextMessage();
  let i = 1;
  while (i < fonts.length && waiting()) {
    const start = performance.now();
    do {
      ctx.font = fonts[i++]!;
      ctx.measureText(SAMPLE);
    } while (i < fonts.length && performance.now() - start < SLICE_MS);
    await nextMessage();
  }
}
