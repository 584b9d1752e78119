import { afterEach, describe, expect, it, vi } from 'vitest';
import { canvasFont, fontVariants, warmFonts } from './warm-fonts';

type FakeRule = { style?: Partial<CSSStyleDeclaration>; cssRules?: FakeRule[] };
const rule = (fontSize = '', fontWeight = '', fontFamily = ''): FakeRule => ({ style: { fontSize, fontWeight, fontFamily } });
const sheet = (...rules: FakeRule[]) => ({ cssRules: rules as unknown as CSSRule[] });

describe('fontVariants', () => {
  it('lists each size/weight/family once, the most used first, and looks inside @media', () => {
    const variants = fontVariants([
      sheet(rule('12px'), { style: { fontSize: '', fontWeight: '', fontFamily: '' } }, rule('', '600'), rule('', '600')),
      sheet({ cssRules: [rule('', '600'), rule('11px', '600', 'monospace')] }),
    ]);
    expect(variants).toEqual([
      { size: '', weight: '600', family: '' },
      { size: '12px', weight: '', family: '' },
      { size: '11px', weight: '600', family: 'monospace' },
    ]);
  });

  it('skips a sheet it may not read', () => {
    const locked = {
      get cssRules(): CSSRule[] {
        throw new DOMException('Cannot access rules', 'SecurityError');
      },
    };
    expect(fontVariants([locked, sheet(rule('14px'))])).toEqual([{ size: '14px', weight: '', family: '' }]);
  });
});

describe('canvasFont', () => {
  it('fills what a rule leaves out (or inherits) from the body', () => {
    const base = { size: '13px', family: 'system-ui, sans-serif', customProperty: () => '' };
    expect(canvasFont({ size: '', weight: '600', family: '' }, base)).toBe('600 13px system-ui, sans-serif');
    expect(canvasFont({ size: 'inherit', weight: 'inherit', family: 'inherit' }, base)).toBe('normal 13px system-ui, sans-serif');
    expect(canvasFont({ size: '11px', weight: '', family: 'monospace' }, base)).toBe('normal 11px monospace');
  });

  it('puts in the values of the custom properties the type scale uses', () => {
    const scale: Record<string, string> = { '--cc-fs-small': ' 12px', '--cc-fs-title': '15px' };
    const base = { size: '13px', family: 'sans-serif', customProperty: (name: string) => scale[name] ?? '' };
    expect(canvasFont({ size: 'var(--cc-fs-small)', weight: '600', family: '' }, base)).toBe('600 12px sans-serif');
    expect(canvasFont({ size: 'var(--cc-fs-title)', weight: '', family: '' }, base)).toBe('normal 15px sans-serif');
  });
});

describe('warmFonts', () => {
  afterEach(() => vi.restoreAllMocks());

  /** A document whose canvas records what it measured; each measurement takes `ms` of a fake clock (5: a cold process). */
  function fakeDoc(sheets: ReturnType<typeof sheet>[], ms = 5) {
    const measured: string[] = [];
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => clock);
    const ctx = {
      font: '',
      measureText(text: string) {
        measured.push(ctx.font);
        clock += ms;
        return { width: text.length };
      },
    };
    const doc = {
      body: {},
      styleSheets: sheets,
      defaultView: { getComputedStyle: () => ({ fontSize: '13px', fontFamily: 'Body', getPropertyValue: () => '' }) },
      createElement: () => ({ getContext: () => ctx }),
    };
    return { doc: doc as unknown as Document, measured };
  }

  it('measures the body’s own font first, then every variant once, a few per task', async () => {
    const { doc, measured } = fakeDoc([sheet(rule('12px'), rule('14px', '600'), rule('', '', 'inherit'), rule('11px', '', 'monospace'))]);
    const doneAtEachCheck: number[] = [];
    await warmFonts(doc, () => (doneAtEachCheck.push(measured.length), true));
    // The body's font is measured once, although a rule that inherits everything names it again.
    expect(measured).toEqual(['normal 13px Body', 'normal 12px Body', '600 14px Body', 'normal 11px monospace']);
    // Checked before starting and before each slice: the first variant alone (it shows the
    // process is cold), then two per slice, as two 5 ms measurements fit in the 8 ms slice.
    expect(doneAtEachCheck).toEqual([0, 1, 3]);
  });

  it('stops once the state has come, and does nothing if it already has', async () => {
    const { doc, measured } = fakeDoc([sheet(rule('12px'), rule('13px'), rule('14px'), rule('15px'), rule('16px'))]);
    let checks = 0;
    await warmFonts(doc, () => ++checks < 3);
    expect(measured).toEqual(['normal 13px Body', 'normal 12px Body', 'normal 14px Body']);

    const late = fakeDoc([sheet(rule('12px'))]);
    await warmFonts(late.doc, () => false);
    expect(late.measured).toEqual([]);
  });

  it('stops after the first variant in a warm process, where it comes back at once', async () => {
    const { doc, measured } = fakeDoc([sheet(rule('12px'), rule('13px'), rule('14px'))], 0.2);
    await warmFonts(doc, () => true);
    expect(measured).toEqual(['normal 13px Body']);
  });
});
