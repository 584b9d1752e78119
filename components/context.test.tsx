// @vitest-environment happy-dom
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { Pack } from '@/lib/pack/schema';
import type { PageContext, RequestType } from '@/lib/messaging/protocol';
import { createPanelStore, type Sender } from '@/lib/store/panel-store';
import { StoreContext } from '@/lib/store/use-store';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings/schema';
import type { PanelActions } from './actions';
import { App } from './App';
import { fixturePack, untilFilled } from './test-fixtures';

const zh = (zhCN: string, en: string) => ({ 'zh-CN': zhCN, en });
const [preshift, inbound] = fixturePack.procedures as [Pack['procedures'][0], Pack['procedures'][0]];
/** The component fixture pack, plus a site, an anchor and a record template on "verify". */
const pack: Pack = {
  ...fixturePack,
  procedures: [
    preshift,
    { ...inbound, steps: inbound.steps.map((s) => (s.id === 'verify' ? { ...s, anchors: [{ name: zh('备注栏', 'Notes field'), selector: '#notes' }] } : s)) },
  ],
  sites: [
    {
      id: 'crm',
      match: ['*'],
      fields: [
        { id: 'customer.name', name: zh('姓名', 'Name'), selector: '#n', mask: 'name' },
        { id: 'customer.phone', name: zh('电话', 'Phone'), labelText: '电话', mask: 'phone', storable: true },
        { id: 'ticket.id', name: zh('工单', 'Ticket'), labelText: '工单', mask: 'id' },
      ],
      suggest: [{ procedure: 'preshift', url: '*' }],
    },
  ],
  templates: [
    {
      id: 'rec',
      title: zh('记录', 'Record'),
      text: zh('{customer.name} {customer.phone|masked} {ticket.id} {procedure}', '{customer.name} {customer.phone|masked} {ticket.id} {procedure}'),
      steps: ['verify'],
    },
  ],
};

let page: PageContext = {
  values: { 'customer.name': '张三', 'customer.phone': '13812345678' },
  fields: ['customer.name', 'customer.phone', 'ticket.id'],
  suggest: ['preshift'],
  frames: 1,
};
let shown = { found: false };
const calls: Array<{ type: RequestType; payload: unknown }> = [];
let container: HTMLElement;
afterEach(() => (render(null, container), container.remove(), (calls.length = 0)));

async function mount() {
  let settings: Settings = { ...DEFAULT_SETTINGS, lang: 'en' };
  const send = (async (type: RequestType, payload: Record<string, unknown>) => {
    calls.push({ type, payload });
    if (type === 'state.load') return { settings, packs: [pack], packMeta: [], openRuns: [] };
    if (type === 'prefs.patch') return { settings: (settings = { ...settings, ...(payload.patch as Partial<Settings>) }) };
    if (type === 'run.put') return { saved: true, run: payload.run };
    if (type === 'context.read') return page;
    if (type === 'context.keep') return { stored: {} };
    if (type === 'context.show') return shown;
    if (type === 'context.clear') return { ok: true };
    throw new Error(`unexpected ${type}`);
  }) as Sender;
  const store = createPanelStore({ send, now: () => 1_700_000_000_000, newId: () => 'run-1' });
  const log: string[] = [];
  const actions: PanelActions = {
    insert: async (text) => (log.push(`insert:${text}`), { ok: true, method: 'x' }),
    copy: async () => true,
    setOpen: async () => undefined,
    openOptions: () => undefined,
    exportData: () => undefined,
    downloadFile: () => undefined,
    loadHistory: async () => [],
    runOwns: async () => ({ followUps: 0 }),
    deleteRun: async () => undefined,
  };
  container = document.createElement('div');
  document.body.append(container);
  await act(async () => render(h(StoreContext.Provider, { value: store }, h(App, { actions })), container));
  await act(async () => store.getState().load());
  await untilFilled(container);
  const $ = (id: string) => container.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const click = async (el: Element | null) => {
    await act(async () => (el as HTMLElement).click());
    await act(() => new Promise((r) => setTimeout(r, 0)));
  };
  return { store, $, click, log };
}

describe('page context in the panel', () => {
  it('suggests a procedure first in the picker and starts it', async () => {
    const ui = await mount();
    await act(() => new Promise((r) => setTimeout(r, 0)));
    expect(ui.$('cc-suggested')?.textContent).toContain('Pre-shift check');
    // The picker asks for suggestions only: no frame looks for fields it would not show (issue 14.5).
    expect(calls.filter((c) => c.type === 'context.read').map((c) => c.payload)).toEqual([{ packId: 'demo', version: 1, only: 'suggest' }]);
    await ui.click(ui.$('cc-suggest-preshift'));
    expect(ui.$('cc-step-title')?.textContent).toBe('Desk');
    // The run's own read wants the fields.
    expect(calls.filter((c) => c.type === 'context.read').at(-1)?.payload).toEqual({ packId: 'demo', version: 1 });
  });

  it('shows page fields masked, reveals on hover, and keeps only storable ones through the background', async () => {
    const ui = await mount();
    await ui.click(ui.$('cc-start-inbound-phone'));
    expect(ui.$('cc-field-customer.name')?.textContent).toBe('张*');
    expect(ui.$('cc-field-customer.phone')?.textContent).toBe('138****5678');
    expect(ui.$('cc-field-ticket.id')?.textContent).toBe('not on this page');
    await act(async () => void ui.$('cc-field-customer.phone')!.dispatchEvent(new MouseEvent('mouseenter')));
    expect(ui.$('cc-field-customer.phone')?.getAttribute('data-revealed')).toBe('true');
    expect(ui.$('cc-field-customer.phone')?.textContent).toBe('13812345678');
    expect(calls.find((c) => c.type === 'context.keep')?.payload).toMatchObject({ runId: 'run-1', packId: 'demo', version: 1 });

    page = { ...page, values: { ...page.values, 'customer.name': '李四' } };
    await ui.click(ui.$('cc-context-refresh'));
    expect(ui.$('cc-field-customer.name')?.textContent).toBe('李*');
  });

  it('composes the record template and inserts exactly what it shows', async () => {
    page = { ...page, values: { 'customer.name': '李四', 'customer.phone': '13812345678' } };
    const ui = await mount();
    await ui.click(ui.$('cc-start-inbound-phone'));
    await ui.click(ui.$('cc-item-greeted'));
    await ui.click(ui.$('cc-next'));
    expect(ui.$('cc-template-rec')?.textContent).toBe('李四 138****5678 — Inbound contact');
    expect(ui.$('cc-template-rec')?.parentElement?.textContent).toContain('Not found on the page, shown as —: Ticket');
    await ui.click(ui.$('cc-template-insert-rec'));
    expect(ui.log).toEqual(['insert:李四 138****5678 — Inbound contact']);
    expect(ui.$('cc-template-result-rec')?.textContent).toBe('Inserted');
  });

  it('says which anchor was not found, and clears the outline when the step changes', async () => {
    const ui = await mount();
    await ui.click(ui.$('cc-start-inbound-phone'));
    await ui.click(ui.$('cc-item-greeted'));
    await ui.click(ui.$('cc-next'));
    await ui.click(ui.$('cc-showme-0'));
    expect(calls.find((c) => c.type === 'context.show')?.payload).toEqual({ packId: 'demo', version: 1, procedureId: 'inbound', stepId: 'verify', anchor: 0 });
    expect(ui.$('cc-showme-status')?.textContent).toBe("This step's CRM element was not found: Notes field");
    shown = { found: true };
    await ui.click(ui.$('cc-showme-0'));
    expect(ui.$('cc-showme-status')?.textContent).toContain('Outlined in the CRM page');
    await ui.click(ui.$('cc-next'));
    expect(calls.some((c) => c.type === 'context.clear')).toBe(true);
  });
});
