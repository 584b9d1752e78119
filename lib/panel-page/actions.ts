/** The panel's side effects that need the browser, handed to components as plain functions. */
import { browser } from 'wxt/browser';
import type { PanelActions } from './panel-actions';
import { send } from '../messaging/client';
import type { PanelStore } from '../store/panel-store';
import { exportableRuns } from '../session/labels';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Framed pages may lack clipboard permission; the legacy path still works from a click.
    const area = document.createElement('textarea');
    area.value = text;
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

function download(name: string, json: unknown) {
  downloadText(name, JSON.stringify(json, null, 2), 'application/json');
}

function downloadText(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function createPanelActions(store: PanelStore): PanelActions {
  return {
    insert: (text) => send('page.insert', { text }).catch((err: Error) => ({ ok: false as const, reason: err.message })),
    copy: copyText,
    setOpen: async (open) => {
      await send('panel.setOpen', { open });
    },
    openOptions: () => {
      // Firefox gives an extension page framed in a web page (the panel) a reduced API: no
      // runtime.openOptionsPage there (ESR 153). Opening the options page's own URL in a tab
      // is what openOptionsPage does for an `open_in_tab` options page.
      if (typeof browser.runtime.openOptionsPage === 'function') void browser.runtime.openOptionsPage();
      else window.open(browser.runtime.getURL('/options.html'), '_blank', 'noopener');
    },
    downloadFile: downloadText,
    loadHistory: async () => (await send('runs.history', { limit: 50 })).runs,
    runOwns: (runId) => send('run.owned', { runId }),
    deleteRun: async (runId) => void (await send('run.delete', { runId })),
    cancelPick: () => void send('pick.cancel', {}).catch(() => undefined),
    exportData: () => {
      const s = store.getState();
      // Everything the agent has, including writes not yet stored, so nothing is lost on a reset.
      const runs = { ...s.runs, ...s.unsaved };
      download(`cuecard-export-${new Date().toISOString().slice(0, 19)}.json`, { exportedAt: Date.now(), runs: exportableRuns(Object.values(runs)) });
    },
  };
}
