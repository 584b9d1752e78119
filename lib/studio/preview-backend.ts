/**
 * A stand-in for the extension's background, so Studio's preview runs the REAL panel
 * (components/Panel.tsx and its store) without an extension: the compiled pack is the one
 * installed pack, runs live in memory, and page actions (insert, copy) only report back.
 * A fresh backend and store per compile: the preview never mixes two versions of a pack.
 */
import type { Run } from '../engine/run';
import type { PanelActions } from '../panel-page/panel-actions';
import type { Pack } from '../pack/schema';
import type { RequestType } from '../messaging/protocol';
import { createPanelStore, type PanelStore, type Sender } from '../store/panel-store';
import { DEFAULT_SETTINGS, type Settings } from '../settings/schema';

export interface PreviewOptions {
  lang: 'zh-CN' | 'en';
  mode: Settings['mode'];
}

export interface PreviewBackend {
  store: PanelStore;
  actions: PanelActions;
  /** What the agent would have inserted or copied, newest last (shown under the preview). */
  log: string[];
}

const PREVIEW_PROFILE = { company: '示例公司 Example Co.', agentId: '1024', name: 'Lee' };

export function createPreviewBackend(pack: Pack, opts: PreviewOptions, onLog: () => void = () => undefined): PreviewBackend {
  let settings: Settings = { ...DEFAULT_SETTINGS, lang: opts.lang, mode: opts.mode, panelOpen: true, profile: PREVIEW_PROFILE };
  const runs = new Map<string, Run>();
  const answers: Partial<Record<RequestType, (payload: Record<string, unknown>) => unknown>> = {
    'state.load': () => ({
      settings,
      packs: [pack],
      packMeta: [{ id: pack.id, version: pack.version, title: pack.title, source: 'file' }],
      openRuns: [],
      activeRunId: null,
    }),
    'run.put': (p) => {
      const run = p.run as Run;
      runs.set(run.id, run);
      return { saved: true, run };
    },
    'run.activate': (p) => ({ activeRunId: p.runId }),
    'run.owned': () => ({ followUps: 0 }),
    'run.delete': (p) => ({ deleted: runs.delete(String(p.runId)), followUps: 0 }),
    'runs.history': () => ({ runs: [...runs.values()].filter((r) => r.status === 'finished') }),
    'prefs.patch': (p) => ({ settings: (settings = { ...settings, ...(p.patch as Partial<Settings>) }) }),
    'coaching.stats': () => ({ stats: [] }),
    'packs.updates': () => ({ notices: [], changes: [] }),
    'pack.ack': () => ({ acked: {} }),
    'context.read': () => ({ values: {}, fields: [], suggest: [], frames: 0 }),
    'context.show': () => ({ found: false, error: 'no CRM page in the preview' }),
    'context.clear': () => ({ ok: true }),
    'context.keep': () => ({ stored: {} }),
    'followups.list': () => ({ followUps: [] }),
  };
  const send = (async (type: RequestType, payload: Record<string, unknown>) => {
    const answer = answers[type];
    if (!answer) throw new Error(`${type} is not available in Studio's preview`);
    return structuredClone(answer(payload));
  }) as Sender;
  let ids = 0;
  const store = createPanelStore({ send, now: () => Date.now(), newId: () => `preview-${++ids}` });
  const log: string[] = [];
  const note = (line: string) => {
    log.push(line);
    onLog();
  };
  const actions: PanelActions = {
    insert: async (text) => (note(text), { ok: true, method: 'preview' }),
    copy: async (text) => (note(text), true),
    setOpen: async () => undefined,
    openOptions: () => undefined,
    exportData: () => undefined,
    downloadFile: () => undefined,
    loadHistory: async () => [...runs.values()].filter((r) => r.status === 'finished'),
    runOwns: async () => ({ followUps: 0 }),
    deleteRun: async (id) => void runs.delete(id),
  };
  return { store, actions, log };
}

/** A panel store that only answers "which language": for panel components shown outside the preview (the Diff's WhatChanged). */
export function languageStore(lang: 'zh-CN' | 'en'): PanelStore {
  const store = createPanelStore({ send: (async () => ({})) as unknown as Sender, now: () => Date.now(), newId: () => 'none' });
  store.setState({ settings: { ...DEFAULT_SETTINGS, lang } });
  return store;
}
