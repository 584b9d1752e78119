// @vitest-environment happy-dom
/**
 * The newer panel parts (issue 13): the card for a click the CRM page held (GuardHeldCard), My
 * week's chart (MyWeek), and the practice page's picker, banner and result (PracticeHome,
 * PracticeParts, PracticeResult), driven through the real store against a fake background.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import type { Run } from '@/lib/engine/run';
import type { GuardHeld } from '@/lib/messaging/protocol';
import type { Pack } from '@/lib/pack/schema';
import { diffPacks } from '@/lib/pack/diff';
import { StoreContext } from '@/lib/store/use-store';
import { fixturePack, mountApp, type Harness } from './test-fixtures';
import MyWeek from './MyWeek';

let ui: Harness;
afterEach(() => ui?.unmount());

const text = (el: Element | null) => el?.textContent ?? '';
const held = (over: Partial<GuardHeld> = {}): GuardHeld => ({ kind: 'guard', target: 'plan', name: 'Change plan', at: 1, ...over });
const push = (h: GuardHeld) => act(() => ui.store.getState().onPush({ type: 'guard.held', held: h }));
const tick = (id: string) => ui.click(ui.container.querySelector(`#cc-item-${id}`));
const type = async (el: HTMLElement | null, value: string) => {
  await act(() => {
    (el as HTMLInputElement).value = value;
    el!.dispatchEvent(new Event('input', { bubbles: true }));
  });
};
const callsOf = (t: string) => ui.calls.filter((c) => c.type === t).map((c) => c.payload);

describe('GuardHeldCard', () => {
  it('says why the click was held, and an override records the reason typed in the panel', async () => {
    ui = await mountApp();
    await ui.click(ui.$('cc-start-inbound-phone'));
    await push(held());
    expect(text(ui.$('cc-held'))).toContain("Verify the customer's identity first");
    expect(text(ui.$('cc-held-name'))).toBe('Change plan');
    await ui.click(ui.$('cc-held-override'));
    const confirm = ui.$('cc-held-confirm') as HTMLButtonElement;
    expect(confirm.disabled).toBe(true); // no reason, no override
    await type(ui.$('cc-held-reason'), '  ');
    expect(confirm.disabled).toBe(true);
    await type(ui.$('cc-held-reason'), 'Customer is the account holder, supervisor agreed');
    await ui.click(confirm);
    expect(callsOf('guard.override')).toEqual([{ kind: 'guard', target: 'plan', reason: 'Customer is the account holder, supervisor agreed' }]);
    expect(text(ui.$('cc-held-recorded'))).toBe('Recorded. Click “Change plan” again to go ahead.');
    expect(ui.$('cc-held-override')).toBeNull(); // recorded once
  });

  it('keeps the reason and shows why when the override is not recorded', async () => {
    ui = await mountApp();
    await ui.click(ui.$('cc-start-inbound-phone'));
    ui.backend.overrideError = 'storage full';
    await push(held());
    await ui.click(ui.$('cc-held-override'));
    await type(ui.$('cc-held-reason'), 'urgent');
    await ui.click(ui.$('cc-held-confirm'));
    expect(text(ui.$('cc-held'))).toContain('Not recorded: storage full');
    expect((ui.$('cc-held-reason') as HTMLInputElement).value).toBe('urgent');
    expect(ui.$('cc-held-recorded')).toBeNull();
  });

  it('goes back to the verification step, and goes away once identity is ticked', async () => {
    ui = await mountApp();
    await ui.click(ui.$('cc-start-inbound-phone'));
    await tick('greeted');
    await ui.click(ui.$('cc-next'));
    await ui.click(ui.$('cc-next')); // past verification without ticking it
    expect(text(ui.$('cc-step-title'))).toContain('Need type');
    await push(held());
    await ui.click(ui.$('cc-held-verify'));
    expect(text(ui.$('cc-step-title'))).toContain('Verify identity');
    expect(ui.$('cc-held')).toBeNull();
    await push(held());
    expect(ui.$('cc-held')).not.toBeNull();
    await tick('id-checked');
    expect(ui.$('cc-held')).toBeNull(); // verified: the next click goes through untouched
  });

  it('for a Save held by a field check: no way to verification, and the override is the check’s', async () => {
    ui = await mountApp();
    await ui.click(ui.$('cc-start-inbound-phone'));
    await push(held({ kind: 'check', target: 'intake', name: 'Intake form', rules: ['phone'] }));
    expect(text(ui.$('cc-held'))).toContain('Save held by Cuecard');
    expect(ui.$('cc-held-verify')).toBeNull();
    await ui.click(ui.$('cc-held-override'));
    await type(ui.$('cc-held-reason'), 'number given by email');
    await ui.click(ui.$('cc-held-confirm'));
    expect(callsOf('guard.override')).toEqual([{ kind: 'check', target: 'intake', reason: 'number given by email' }]);
    expect(text(ui.$('cc-held-recorded'))).toBe('Recorded. Press Save again to go ahead.');
  });

  it('without a contact offers no override (there is no run to record it in), only dismiss', async () => {
    ui = await mountApp();
    await push(held());
    expect(text(ui.$('cc-held'))).toContain('Open a contact in the Cuecard panel first');
    expect(ui.$('cc-held-override')).toBeNull();
    await ui.click(ui.$('cc-held-dismiss'));
    expect(ui.$('cc-held')).toBeNull();
  });
});

describe('MyWeek', () => {
  const now = Date.now();
  const run = (id: string, greetSec: number, at = now - 3600_000): Run => ({
    id,
    packId: fixturePack.id,
    packVersion: fixturePack.version,
    procedureId: 'inbound',
    status: 'finished',
    path: [
      { stepId: 'greet', at },
      { stepId: 'verify', at: at + greetSec * 1000 },
    ],
    ticks: {},
    skips: {},
    choices: {},
    createdAt: at,
    updatedAt: at + greetSec * 1000 + 4000,
    finishedAt: at + greetSec * 1000 + 4000,
    rev: 3,
  });
  const week = async (runs: Run[]) => {
    ui = await mountApp();
    const box = document.createElement('div');
    ui.container.append(box);
    await act(() => render(h(StoreContext.Provider, { value: ui.store }, h(MyWeek, { runs })), box));
    return box;
  };

  it('charts the average time per step, marking a step over the pack’s limit', async () => {
    const box = await week([run('a', 10), run('b', 30), run('old', 99, now - 8 * 24 * 3600_000)]);
    const bars = [...box.querySelectorAll('[data-testid="cc-week-bar"]')];
    expect(bars.map((b) => text(b.querySelector('title')))).toEqual([
      'Greet: 20 s average over 2 (limit 15)',
      'Verify identity: 4 s average over 2 (limit none)',
    ]);
    expect(bars.map((b) => b.getAttribute('data-over'))).toEqual(['true', 'false']);
    // The limit is drawn as a line on the step that has one.
    expect(bars[0]!.querySelector('line')).not.toBeNull();
    expect(bars[1]!.querySelector('line')).toBeNull();
  });

  it('says so when there is nothing finished in the last 7 days', async () => {
    const box = await week([run('old', 10, now - 8 * 24 * 3600_000), { ...run('open', 5), status: 'open', finishedAt: undefined }]);
    expect(text(box.querySelector('[data-testid="cc-week-empty"]'))).toBe('No finished contacts in the last 7 days');
  });
});

describe('the practice page', () => {
  // Release 2 rewords the greeting: its drill is over that one step.
  const v2: Pack = {
    ...fixturePack,
    version: 2,
    coaching: { requireDrill: true },
    procedures: fixturePack.procedures.map((p) =>
      p.id !== 'inbound'
        ? p
        : { ...p, steps: p.steps.map((s) => (s.id !== 'greet' ? s : { ...s, phrases: [{ id: 'hello', text: { 'zh-CN': '您好！', en: 'Good day!' } }] })) },
    ),
  };
  const world = {
    practice: true,
    packs: [fixturePack, v2],
    changes: [{ packId: 'demo', version: 2, fromVersion: 1, diff: diffPacks(fixturePack, v2), acked: {} }],
  };

  it('marks every contact as practice and offers the release’s drill over only the changed steps', async () => {
    ui = await mountApp({}, world);
    expect(text(ui.$('cc-practice-banner'))).toContain('PRACTICE — not a real contact');
    const home = ui.$('cc-practice-home');
    expect(text(home)).toContain('demo release 2 changed 1 steps');
    expect(text(home)).toContain('Your team requires this drill');
    await ui.click(ui.$('cc-drill-inbound'));
    expect(text(ui.$('cc-step-title'))).toContain('Greet');
    await tick('greeted');
    await ui.click(ui.$('cc-finish')); // the only changed step: the drill ends here
    const result = ui.$('cc-practice-result');
    expect(text(result)).toContain('Score:');
    expect(text(ui.$('cc-drill-acked'))).toBe('Drill complete: the new wording counts as read.');
    // The background got the finished run before it was told the drill was done, and checks that run.
    const kept = callsOf('practice.drillRun').at(-1) as { run: Run };
    expect(kept.run).toMatchObject({ procedureId: 'drill.inbound', status: 'finished' });
    expect(callsOf('practice.drillDone')).toEqual([{ packId: 'demo', version: 2, procedureId: 'inbound', runId: kept.run.id }]);
    expect(ui.calls.map((c) => c.type).lastIndexOf('practice.drillRun')).toBeLessThan(ui.calls.map((c) => c.type).indexOf('practice.drillDone'));
    expect(callsOf('run.put')).toEqual([]); // never stored as a real contact
    await ui.click(ui.$('cc-practice-again'));
    expect(ui.$('cc-practice-home')).not.toBeNull();
  });

  it('shows why a drill did not count, and scores each check', async () => {
    ui = await mountApp({}, world);
    ui.backend.drillError = 'Required item greeted of step greet was not ticked.';
    await ui.click(ui.$('cc-drill-inbound'));
    await tick('greeted');
    await ui.click(ui.$('cc-finish'));
    expect(ui.$('cc-drill-acked')).toBeNull();
    expect(text(ui.$('cc-practice-result'))).toContain('Required item greeted of step greet was not ticked.');
    const checks = [...ui.container.querySelectorAll('[data-testid^="cc-check-"]')];
    expect(checks.length).toBeGreaterThan(0);
    for (const c of checks) expect(['true', 'false']).toContain(c.getAttribute('data-pass'));
  });

  it('shows no banner on a CRM page, and no drills when no release changed anything', async () => {
    ui = await mountApp();
    expect(ui.$('cc-practice-banner')).toBeNull();
    ui.unmount();
    ui = await mountApp({}, { practice: true });
    expect(text(ui.$('cc-practice-home'))).toContain('No release drills waiting.');
  });
});
