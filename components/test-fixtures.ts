/**
 * A small pack and a fake background for component tests. The pack is parsed against the
 * real schema in the tests, so it cannot drift from the format.
 */
import type { CoachingStat } from '@/lib/coaching/fade';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import type { Pack } from '@/lib/pack/schema';
import type { Run } from '@/lib/engine/run';
import type { ChangeSet } from '@/lib/distribution/views';
import type { InsertResult, RequestType } from '@/lib/messaging/protocol';
import { createPanelStore, type PanelStore, type Sender } from '@/lib/store/panel-store';
import { StoreContext } from '@/lib/store/use-store';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings/schema';
import type { PanelActions } from './actions';
import { App } from './App';

const zh = (zhCN: string, en: string) => ({ 'zh-CN': zhCN, en });

/** greet → verify (optional, 2.2) → triage ─┬ billing → bill (needs identity) → wrap; └ info → wrap */
export const fixturePack: Pack = {
  format: 1,
  id: 'demo',
  version: 1,
  title: zh('演示', 'Demo'),
  languages: ['zh-CN', 'en'],
  procedures: [
    {
      id: 'preshift',
      title: zh('班前检查', 'Pre-shift check'),
      kind: 'shift',
      start: 'desk',
      steps: [{ id: 'desk', title: zh('工位', 'Desk'), checklist: [{ id: 'headset', text: zh('耳机正常', 'Headset works'), required: true }] }],
    },
    {
      id: 'inbound',
      title: zh('来电接待', 'Inbound contact'),
      kind: 'contact',
      channels: ['phone', 'online'],
      start: 'greet',
      steps: [
        {
          id: 'greet',
          title: zh('问候', 'Greet'),
          source: '2.1',
          timeLimitSec: 15,
          guidance: zh('三声内接起。', 'Answer within three rings.'),
          phrases: [
            {
              id: 'hello',
              label: zh('开场', 'Opening'),
              text: zh('您好，{company}，{agentId} 号为您服务。', 'Hello, {company}, agent {agentId} speaking.'),
              channels: ['phone'],
            },
            { id: 'hello-chat', text: zh('您好，我是{agentName}。', 'Hi, this is {agentName}.'), channels: ['online'] },
          ],
          checklist: [
            { id: 'greeted', text: zh('已问候', 'Greeted the customer'), required: true },
            { id: 'name-asked', text: zh('询问称呼', 'Asked for a name'), required: false },
          ],
          next: 'verify',
        },
        {
          id: 'verify',
          title: zh('核实身份', 'Verify identity'),
          source: '2.2',
          checklist: [{ id: 'id-checked', text: zh('已核实身份', 'Identity checked'), required: false, verifiesIdentity: true }],
          next: 'triage',
        },
        {
          id: 'triage',
          title: zh('需求类型', 'Need type'),
          choices: [
            { id: 'billing', label: zh('账单', 'Billing'), next: 'bill' },
            { id: 'info', label: zh('咨询', 'Information'), next: 'wrap' },
          ],
        },
        { id: 'bill', title: zh('查询账单', 'Look up the bill'), requiresIdentity: true, addition: true, next: 'wrap' },
        { id: 'wrap', title: zh('结束', 'Wrap up'), checklist: [{ id: 'survey', text: zh('邀请评价', 'Offered the survey'), required: true }] },
      ],
    },
  ],
};

export interface Harness {
  container: HTMLElement;
  store: PanelStore;
  calls: { type: RequestType; payload: unknown }[];
  actions: PanelActions & { log: string[] };
  backend: {
    failPuts: boolean;
    insertResult: InsertResult;
    copyOk: boolean;
    history: Run[];
    followUpsOwned?: number;
    stats?: CoachingStat[];
    /** The answer to a guard override or a drill's "done": an error to throw, else accepted. */
    overrideError?: string;
    drillError?: string;
  };
  click(el: Element | null): Promise<void>;
  key(init: KeyboardEventInit, target?: EventTarget): Promise<void>;
  $(testId: string): HTMLElement | null;
  unmount(): void;
}

/** Until the panel under `root` has its body (Panel fills it one frame after its first render). */
export async function untilFilled(root: ParentNode): Promise<void> {
  for (let i = 0; i < 50 && root.querySelector('.cc-panel--loading'); i++) await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
  const left = root.querySelector('.cc-panel--loading');
  if (left) throw new Error(`The panel was still loading after 500 ms: ${left.textContent}`);
}

/** `world`: what the background has besides the fixture pack (the practice page, releases and their changes). */
export interface World {
  practice?: boolean;
  packs?: Pack[];
  changes?: ChangeSet[];
}

export async function mountApp(settings: Partial<Settings> = {}, world: World = {}): Promise<Harness> {
  let current: Settings = { ...DEFAULT_SETTINGS, lang: 'en', profile: { company: 'Acme', agentId: '', name: 'Li' }, ...settings };
  const calls: Harness['calls'] = [];
  const backend: Harness['backend'] = { followUpsOwned: 0, failPuts: false, insertResult: { ok: true, method: 'input' }, copyOk: true, history: [] };
  const send = (async (type: RequestType, payload: Record<string, unknown>) => {
    calls.push({ type, payload });
    if (type === 'state.load')
      return {
        settings: current,
        packs: world.packs ?? [fixturePack],
        packMeta: [],
        openRuns: [],
        activeRunId: current.activeRunId ?? null,
        ...(world.practice ? { practice: true } : {}),
      };
    if (type === 'packs.updates') return { notices: [], changes: world.changes ?? [] };
    if (type === 'guard.override' || type === 'practice.drillDone') {
      const error = type === 'guard.override' ? backend.overrideError : backend.drillError;
      if (error) throw new Error(error);
      return type === 'guard.override' ? { ok: true } : { acked: { x: 1 } };
    }
    if (type === 'practice.drillRun') return { ok: true };
    if (type === 'run.activate') return { activeRunId: payload.runId };
    if (type === 'coaching.stats') return { stats: backend.stats ?? [] };
    if (type === 'prefs.patch') return { settings: (current = { ...current, ...(payload.patch as Partial<Settings>) }) };
    if (type === 'run.put') {
      if (backend.failPuts) throw new Error('QuotaExceededError');
      return { saved: true, run: payload.run };
    }
    throw new Error(`unexpected ${type}`);
  }) as Sender;
  let clock = 1_700_000_000_000;
  let ids = 0;
  const store = createPanelStore({ send, now: () => (clock += 1000), newId: () => `run-${++ids}` });
  const log: string[] = [];
  const actions: Harness['actions'] = {
    log,
    insert: async (text) => (log.push(`insert:${text}`), backend.insertResult),
    copy: async (text) => (log.push(`copy:${text}`), backend.copyOk),
    setOpen: async (open) => void log.push(`setOpen:${open}`),
    openOptions: () => void log.push('openOptions'),
    exportData: () => void log.push('exportData'),
    downloadFile: (name: string) => void log.push(`download:${name}`),
    loadHistory: async () => backend.history,
    runOwns: async (runId) => (log.push(`runOwns:${runId}`), { followUps: backend.followUpsOwned ?? 0 }),
    deleteRun: async (runId) => void log.push(`deleteRun:${runId}`),
  };
  const container = document.createElement('div');
  document.body.append(container);
  // Mount first, load after: as in the panel page, where the store answers after the first paint.
  await act(async () => render(h(StoreContext.Provider, { value: store }, h(App, { actions })), container));
  await act(async () => store.getState().load());
  await untilFilled(container);
  const $ = (testId: string) => container.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  return {
    container,
    store,
    calls,
    actions,
    backend,
    $,
    async click(el) {
      if (!el) throw new Error('nothing to click');
      await act(async () => (el as HTMLElement).click());
      // Let chained awaits in handlers (insert, then copy as a fallback) finish and render.
      await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
    },
    async key(init, target = document) {
      await act(async () => void target.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, ...init })));
    },
    unmount() {
      render(null, container);
      container.remove();
    },
  };
}
