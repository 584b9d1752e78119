// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'preact/test-utils';
import type { Run } from '@/lib/engine/run';
import type { CoachingStat } from '@/lib/coaching/fade';
import { describeBlocked } from './blocked-text';
import { fixturePack, mountApp, type Harness } from './test-fixtures';

let ui: Harness;
afterEach(() => ui?.unmount());

const text = (el: Element | null) => el?.textContent ?? '';
const button = (label: string) => [...ui.container.querySelectorAll('button')].find((b) => b.textContent?.includes(label)) ?? null;
const inbound = fixturePack.procedures[1]!;

describe('describeBlocked', () => {
  it('lists outstanding items in the UI language and stays silent on no-change', () => {
    expect(describeBlocked({ code: 'required-outstanding', itemIds: ['greeted', 'name-asked'] }, inbound, 'zh-CN')).toBe('还需完成：已问候、询问称呼');
    expect(describeBlocked({ code: 'identity-locked', stepId: 'bill' }, inbound, 'zh-CN')).toBe('请先核实客户身份（2.2）');
    expect(describeBlocked({ code: 'no-change' }, inbound, 'en')).toBeNull();
  });
});

describe('guidance', () => {
  const stat = (over: Partial<CoachingStat>): CoachingStat => ({
    packId: fixturePack.id,
    procedureId: 'inbound-phone',
    stepId: 'greet',
    version: fixturePack.version,
    streak: 5,
    total: 5,
    mistakes: 0,
    last: 'clean',
    at: 1,
    changed: false,
    ...over,
  });
  const guidance = () => ui.$('cc-guidance');

  it('is shown in full to new hires, whatever the counts', async () => {
    ui = await mountApp();
    ui.backend.stats = [stat({})];
    await ui.click(ui.$('cc-start-inbound-phone'));
    expect(text(ui.container)).toContain('Answer within three rings.');
    expect(text(guidance())).toContain('New-hire mode');
  });

  it('collapses for an experienced agent after N clean runs, says why, and opens on request', async () => {
    ui = await mountApp({ mode: 'experienced' });
    ui.backend.stats = [stat({})];
    await ui.click(ui.$('cc-start-inbound-phone'));
    expect(guidance()?.dataset.fade).toBe('collapsed');
    expect(text(ui.container)).not.toContain('Answer within three rings.');
    expect(text(guidance())).toContain('cleanly 5 times in a row');
    await ui.click(button('Show full guidance'));
    expect(text(ui.container)).toContain('Answer within three rings.');
    expect(guidance()?.dataset.reason).toBe('requested');
    await ui.click(button('Collapse guidance'));
    expect(text(ui.container)).not.toContain('Answer within three rings.');
  });

  it('stays expanded while learning, after a mistake and after a wording change', async () => {
    for (const [over, reason] of [
      [{ streak: 2 }, 'learning'],
      [{ streak: 0, last: 'back' }, 'mistake'],
      [{ changed: true }, 'changed'],
    ] as const) {
      ui = await mountApp({ mode: 'experienced' });
      ui.backend.stats = [stat(over)];
      await ui.click(ui.$('cc-start-inbound-phone'));
      expect(guidance()?.dataset.reason).toBe(reason);
      expect(text(ui.container)).toContain('Answer within three rings.');
      ui.unmount();
    }
  });
});

describe('run switcher and history', () => {
  it('switches between open contacts from the list', async () => {
    ui = await mountApp();
    await ui.click(ui.$('cc-start-inbound-phone'));
    await ui.click(ui.$('cc-new-run'));
    await ui.click(ui.$('cc-start-inbound-online'));
    const select = ui.$('cc-runs')!.querySelector('select')!;
    expect([...select.options].map((o) => o.textContent)).toEqual([
      expect.stringMatching(/^Inbound contact · Phone · \d\d:\d\d$/),
      expect.stringMatching(/^Inbound contact · Online · \d\d:\d\d$/),
    ]);
    select.value = 'run-1';
    await act(async () => void select.dispatchEvent(new Event('change', { bubbles: true })));
    expect(ui.store.getState().activeRunId).toBe('run-1');
    expect(ui.$('cc-phrase-hello')).not.toBeNull();
    // The switch is this tab's alone: the background is told per tab, no setting changes.
    expect(ui.calls.filter((c) => c.type === 'run.activate').at(-1)?.payload).toEqual({ runId: 'run-1' });
    expect(ui.calls.some((c) => c.type === 'settings.patch' || c.type === 'prefs.patch')).toBe(false);
  });

  it('shows finished contacts with their skips', async () => {
    ui = await mountApp();
    const done: Run = {
      id: 'old',
      packId: 'demo',
      packVersion: 1,
      procedureId: 'inbound',
      channel: 'phone',
      label: 'Mr Wang',
      status: 'finished',
      path: [{ stepId: 'greet', at: 1 }],
      ticks: {},
      skips: { greeted: { reason: 'rushed', at: 2 } },
      choices: {},
      createdAt: 1,
      updatedAt: 2,
      finishedAt: 2,
      rev: 3,
    };
    ui.backend.history = [done];
    await ui.click(button('History'));
    const row = ui.$('cc-history-old')!;
    expect(text(row)).toContain('Inbound contact');
    expect(text(row)).toContain('Mr Wang');
    expect(text(row)).toContain('1 skipped');
    await ui.click(button('Back'));
    expect(ui.$('cc-history-old')).toBeNull();
  });

  it('deletes a finished contact only after saying how many follow-ups go with it', async () => {
    ui = await mountApp();
    const done: Run = {
      id: 'old',
      packId: 'demo',
      packVersion: 1,
      procedureId: 'inbound',
      status: 'finished',
      path: [{ stepId: 'greet', at: 1 }],
      ticks: {},
      skips: {},
      choices: {},
      createdAt: 1,
      updatedAt: 2,
      finishedAt: 2,
      rev: 3,
    };
    ui.backend.history = [done];
    ui.backend.followUpsOwned = 2;
    await ui.click(button('History'));
    await ui.click(ui.$('cc-history-delete-old'));
    expect(text(ui.$('cc-history-confirm-old'))).toContain('Delete this contact and its 2 follow-up(s) for good?');
    expect(ui.actions.log).toEqual(['runOwns:old']); // asked, nothing deleted yet
    await ui.click(button('Keep'));
    expect(ui.$('cc-history-old')).not.toBeNull();
    await ui.click(ui.$('cc-history-delete-old'));
    await ui.click(ui.$('cc-history-confirm-delete-old'));
    expect(ui.actions.log).toEqual(['runOwns:old', 'runOwns:old', 'deleteRun:old']);
    expect(ui.$('cc-history-old')).toBeNull();
  });
});
