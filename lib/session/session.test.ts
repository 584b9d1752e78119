import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { startRun } from '../engine';
import type { Pack } from '../pack/schema';
import defaultPack from '../../public/packs/default.json';
import { activeRunOf, forgetTab, setActiveRun } from './active-run';
import { forgetLabel, saveLabel, withLabels, withoutLabel } from './labels';

const area = () => fakeBrowser.storage.session;
const pack = defaultPack as Pack;
beforeEach(() => fakeBrowser.reset());

describe('active run per tab', () => {
  it('keeps each tab its own contact; a new tab opens on the most recent one', async () => {
    await setActiveRun(area(), 1, 'a');
    await setActiveRun(area(), 2, 'b');
    expect(await activeRunOf(area(), 1, 'b')).toBe('a');
    expect(await activeRunOf(area(), 2, 'b')).toBe('b');
    expect(await activeRunOf(area(), 3, 'b')).toBe('b');
    expect(await activeRunOf(area(), undefined, undefined)).toBeNull();
  });

  it('remembers a tab that chose the picker, and forgets a closed tab', async () => {
    await setActiveRun(area(), 1, null);
    expect(await activeRunOf(area(), 1, 'b')).toBeNull();
    await forgetTab(area(), 1);
    expect(await activeRunOf(area(), 1, 'b')).toBe('b');
    expect(await area().get(null)).toEqual({});
  });
});

describe('labels', () => {
  const run = { ...startRun(pack.procedures[1]!, pack, { id: 'r1', at: 1 }), label: 'Mr Wang, chat 88123' };
  it('live in the session only, and come back on the runs sent to the panel', async () => {
    expect(withoutLabel(run)).not.toHaveProperty('label');
    await saveLabel(area(), run);
    const other = startRun(pack.procedures[1]!, pack, { id: 'r2', at: 2 });
    expect(await withLabels(area(), [withoutLabel(run), other])).toEqual([run, other]);
    await forgetLabel(area(), 'r1');
    expect(await withLabels(area(), [withoutLabel(run)])).toEqual([withoutLabel(run)]);
  });

  it('forgets a label the agent cleared', async () => {
    await saveLabel(area(), run);
    await saveLabel(area(), { ...run, label: '' });
    expect(await area().get(null)).toEqual({});
  });
});
