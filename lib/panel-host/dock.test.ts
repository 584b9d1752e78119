import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@/lib/settings/schema';
import { dockCss, dockFile, dockWidths } from './dock';

describe('dock stylesheets', () => {
  it('exist for every step from the narrowest to the widest panel, the default width included', () => {
    expect(dockWidths()).toEqual([280, 300, 320, 340, 360, 380, 400, 420, 440, 460, 480, 500, 520, 540, 560, 580, 600, 620, 640]);
    expect(dockFile(DEFAULT_SETTINGS.panelWidth)).toBe(`dock/${DEFAULT_SETTINGS.panelWidth}.css`);
  });
  it('are absent between steps and outside the range', () => {
    for (const w of [279, 290, 361, 660, 360.5, Number.NaN]) expect(dockFile(w)).toBeNull();
  });
  it('reserve the width on the root, except in a frameset document', () => {
    expect(dockCss(400)).toBe(
      'html:not([data-cuecard-undocked]) { margin-right: 400px !important; }\n' +
        'html:not([data-cuecard-undocked]):dir(rtl) { margin-right: 0 !important; margin-left: 400px !important; }\n',
    );
  });
});
