// @vitest-environment happy-dom
/**
 * Pack updates in the panel against a fake background: the update notice and its diff,
 * the acknowledgement gate on a step with changed phrases, refusal notices, and the pack
 * id + version in the picker once several packs are installed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { diffPacks } from '@/lib/pack/diff';
import type { Pack } from '@/lib/pack/schema';
import { teamPack } from '@/lib/distribution/fixtures';
import type { PackNotice, PackUpdates } from '@/lib/distribution/views';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings/schema';
import { createPanelStore, type Sender } from '@/lib/store/panel-store';
import { StoreContext } from '@/lib/store/use-store';
import { App } from './App';
import type { PanelActions } from './actions';
import { untilFilled } from './test-fixtures';

const updated: PackNotice = { id: 'u1', kind: 'updated', at: 1, source: 'https://x/p.json', packId: 'acme.team-b', version: 2, fromVersion: 1 };
const refused: PackNotice = { id: 'r1', kind: 'refused', at: 2, source: 'https://x/p.json', code: 'bad-signature', message: 'The signature does not match.' };

const mounted: HTMLElement[] = [];
afterEach(() => {
  for (const c of mounted.splice(0)) {
    render(null, c);
    c.remove();
  }
});

async function mount(opts: { packs?: Pack[]; notices?: PackNotice[]; failAck?: boolean } = {}) {
  let settings: Settings = { ...DEFAULT_SETTINGS, lang: 'en' };
  const calls: { type: string; payload: unknown }[] = [];
  const updates: PackUpdates = {
    notices: opts.notices ?? [updated],
    changes: [{ packId: 'acme.team-b', version: 2, fromVersion: 1, diff: diffPacks(teamPack(1), teamPack(2)), acked: {} }],
  };
  const send = (async (type: string, payload: Record<string, unknown>) => {
    calls.push({ type, payload });
    if (type === 'state.load') return { settings, packs: opts.packs ?? [teamPack(2)], packMeta: [], openRuns: [] };
    if (type === 'prefs.patch') return { settings: (settings = { ...settings, ...(payload.patch as Partial<Settings>) }) };
    if (type === 'run.put') return { saved: true, run: payload.run };
    if (type === 'packs.updates') return updates;
    if (type === 'packs.dismissNotice') return { ok: true };
    if (type === 'pack.ack') {
      if (opts.failAck) throw new Error('QuotaExceededError');
      return { acked: Object.fromEntries((payload.phraseIds as string[]).map((id) => [`${payload.procedureId}/${id}`, 99])) };
    }
    throw new Error(`unexpected ${type}`);
  }) as Sender;
  const store = createPanelStore({ send, now: () => 1000, newId: () => 'run-1' });
  const actions = {
    insert: async () => ({ ok: true, method: 'x' }),
    copy: async () => true,
    setOpen: async () => undefined,
    openOptions: () => undefined,
    exportData: () => undefined,
    downloadFile: () => undefined,
    loadHistory: async () => [],
  } as unknown as PanelActions;
  const container = document.createElement('div');
  document.body.append(container);
  mounted.push(container);
  await act(async () => render(h(StoreContext.Provider, { value: store }, h(App, { actions })), container));
  await act(async () => store.getState().load());
  await untilFilled(container);
  await settle();
  const $ = (id: string) => container.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const click = async (id: string) => {
    const el = $(id);
    if (!el) throw new Error(`no ${id}`);
    await act(async () => el.click());
    await settle();
  };
  return { $, click, calls, store };
}

const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));

describe('pack updates in the panel', () => {
  it('announces a new version and shows what changed, word by word, as text', async () => {
    const ui = await mount();
    expect(ui.$('cc-pack-updated')?.textContent).toContain('Team B script was updated to version 2');
    expect(ui.$('cc-what-changed')).toBeNull();
    await ui.click('cc-show-changes');
    const diff = ui.$('cc-what-changed')!;
    expect(diff.textContent).toContain('Version 1 → 2');
    expect(ui.$('cc-change-step-survey')?.dataset.status).toBe('added');
    expect(ui.$('cc-change-phrase-old-note')?.dataset.status).toBe('removed');
    const bye = ui.$('cc-change-phrase-bye')!;
    expect([...bye.querySelectorAll('del')].map((e) => e.textContent)).toEqual(['goodbye']);
    expect([...bye.querySelectorAll('ins')].map((e) => e.textContent)).toEqual([' us', 'have a good day']);
  });

  it('renders pack text as text, never as markup', async () => {
    const evil = teamPack(2);
    evil.procedures[0]!.steps.at(-1)!.phrases![0]!.text = { 'zh-CN': '<img src=x onerror=alert(1)>', en: '<b>bold</b>' };
    const ui = await mount({ packs: [evil] });
    ui.store.setState((s) => ({
      packUpdates: {
        ...s.packUpdates!,
        changes: { 'acme.team-b@2': { packId: 'acme.team-b', version: 2, fromVersion: 1, diff: diffPacks(teamPack(1), evil), acked: {} } },
      },
    }));
    await ui.click('cc-show-changes');
    expect(ui.$('cc-what-changed')!.querySelector('img, b')).toBeNull();
    expect(ui.$('cc-change-phrase-bye')!.textContent).toContain('<b>bold</b>');
  });

  it('holds a step with changed phrases until the agent has read them, and records the acknowledgement', async () => {
    const ui = await mount();
    await ui.click('cc-start-callback');
    expect(ui.$('cc-ack-gate')).toBeNull(); // the opening's phrase did not change
    await act(async () => ui.$('cc-item-greeted')!.click());
    await ui.click('cc-next');
    await ui.click('cc-next');
    const gate = ui.$('cc-ack-gate')!;
    expect(gate.textContent).toContain('The wording on this step has changed');
    expect(ui.$('cc-phrase-bye')).toBeNull();
    expect(gate.querySelector('[data-testid="cc-change-phrase-thanks"] ins')?.textContent).toBe('New thanks');
    // No way past the gate: neither Next nor Finish is offered until the wording is read.
    expect(ui.$('cc-next')).toBeNull();
    expect(ui.$('cc-finish')).toBeNull();
    await ui.click('cc-ack');
    expect(ui.$('cc-finish') ?? ui.$('cc-next')).not.toBeNull();
    expect(ui.$('cc-ack-gate')).toBeNull();
    expect(ui.$('cc-phrase-bye')?.textContent).toContain('have a good day');
    expect(ui.calls.find((c) => c.type === 'pack.ack')?.payload).toEqual({
      packId: 'acme.team-b',
      version: 2,
      procedureId: 'callback',
      phraseIds: ['bye', 'thanks'],
    });
  });

  it('keeps the gate, with the reason, when the acknowledgement could not be stored', async () => {
    const ui = await mount({ failAck: true });
    await ui.click('cc-start-callback');
    await act(async () => ui.$('cc-item-greeted')!.click());
    await ui.click('cc-next');
    await ui.click('cc-next');
    await ui.click('cc-ack');
    expect(ui.$('cc-ack-gate')?.textContent).toContain('Not saved, try again: QuotaExceededError');
  });

  it('shows a refused update without blocking, and forgets a dismissed notice', async () => {
    const ui = await mount({ notices: [refused] });
    // The reason in the agent's language; the verifier's own sentence is the tooltip.
    expect(ui.$('cc-pack-refused')?.textContent).toContain('A pack update was refused: the file was changed after it was signed.');
    expect(ui.$('cc-pack-refused')?.title).toBe('The signature does not match.');
    expect(ui.$('cc-start-callback')).not.toBeNull();
    await act(async () => (ui.$('cc-pack-refused')!.querySelector('button') as HTMLElement).click());
    await settle();
    expect(ui.$('cc-pack-refused')).toBeNull();
    expect(ui.calls.filter((c) => c.type === 'packs.dismissNotice').map((c) => c.payload)).toEqual([{ id: 'r1' }]);
  });

  it('says when the pack in use has expired, keeps it usable, and offers no dismissal', async () => {
    const at = new Date(2026, 10, 24, 9, 30).getTime();
    const ui = await mount({ notices: [{ id: 'e1', kind: 'expired', at, source: 'installed', packId: 'acme.team-b', version: 2 }] });
    const notice = ui.$('cc-pack-expired')!;
    expect(notice.textContent).toContain('release 2) expired on 2026-11-24. Ask your team lead for a newer release');
    expect(notice.textContent).toContain(teamPack(2).title.en ?? teamPack(2).title['zh-CN']);
    expect(notice.querySelector('button')).toBeNull();
    expect(ui.$('cc-start-callback')).not.toBeNull();
  });

  it('names the pack and version of each procedure only when several packs are installed', async () => {
    const one = await mount();
    expect(one.$('cc-pack-of-callback')).toBeNull();
    const other: Pack = { ...teamPack(1), id: 'acme.team-a', procedures: [{ ...teamPack(1).procedures[0]!, id: 'other' }] };
    const two = await mount({ packs: [teamPack(2), other] });
    expect(two.$('cc-pack-of-callback')?.textContent).toBe('acme.team-b · version 2');
    expect(two.$('cc-pack-of-other')?.textContent).toBe('acme.team-a · version 1');
  });
});
