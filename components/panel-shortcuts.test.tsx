/**
 * The keymap's listings: every action has a shortcut, overrides show up where the keys are
 * listed, and the README's "Keyboard shortcuts" table is exactly what KEYMAP says, so it
 * cannot go stale (`UPDATE_README=1 npx vitest run components/panel-shortcuts.test.tsx` rewrites it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { translate } from '@/lib/i18n/translate';
import { ACTIONS } from '@/lib/shortcuts/keymap';
import { KEYMAP, keymapFor, PALETTE_KEYS } from './panel-shortcuts';

const README = resolve(import.meta.dirname, '../README.md');
const START = '<!-- keymap:start (generated from components/panel-shortcuts.ts; components/panel-shortcuts.test.tsx checks it) -->';
const END = '<!-- keymap:end -->';

function table(rows: readonly { keys: string; label: Parameters<typeof translate>[1] }[]): string {
  const lines = rows.map(
    (r) =>
      `| ${r.keys
        .split(' · ')
        .map((k) => `\`${k}\``)
        .join(' or ')} | ${translate('en', r.label)} |`,
  );
  return ['| keys | what it does |', '| --- | --- |', ...lines].join('\n');
}

function keymapMarkdown(): string {
  return [START, table(KEYMAP), '', 'In the search palette:', '', table(PALETTE_KEYS), END].join('\n');
}

describe('KEYMAP', () => {
  it('gives every panel action a shortcut, plus Esc', () => {
    expect(KEYMAP.map((k) => k.id)).toEqual([...ACTIONS, 'close']);
    for (const k of KEYMAP) expect(k.keys, k.id).not.toBe('');
  });

  it('lists the keys in force once the agent rebinds them', () => {
    const rows = keymapFor({ next: 'Alt+J', insert: 'Ctrl+Alt+1' });
    expect(rows.find((r) => r.id === 'next')?.keys).toBe('Alt+J');
    expect(rows.find((r) => r.id === 'insert')?.keys).toBe('Ctrl+Alt+1 … Ctrl+Alt+9');
    expect(rows.find((r) => r.id === 'search')?.keys).toBe('Ctrl+K · /');
  });

  it('is what the README lists under "Keyboard shortcuts"', () => {
    const text = readFileSync(README, 'utf8');
    const expected = keymapMarkdown();
    const start = text.indexOf(START);
    const end = text.indexOf(END);
    if (process.env.UPDATE_README === '1' && start >= 0 && end > start) {
      writeFileSync(README, text.slice(0, start) + expected + text.slice(end + END.length));
      return;
    }
    expect(text).toContain('## Keyboard shortcuts');
    expect(start, 'README has no keymap block').toBeGreaterThan(text.indexOf('## Keyboard shortcuts'));
    expect(text.slice(start, end + END.length)).toBe(expected);
  });
});
