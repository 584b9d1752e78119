/**
 * Page context in the panel: fields read from the CRM page for each run, procedure
 * suggestions for the picker, and "Show me". Values read from the page live here, in the
 * open panel's memory, and nowhere else; only fields the pack marks storable go to the
 * background, which masks them before storing (lib/context/pack-context.ts).
 */
import type { PageContext } from '../messaging/protocol';
import type { GetState, SetState, StoreDeps } from './panel-store';
import { packKey } from './pack-key';

export type Captured = PageContext & { readAt: number; error?: string };

export interface ContextSlice {
  /** By run id, or `pick:<packId>` for the picker's suggestions. */
  captured: Record<string, Captured>;
  readContext(key: string, packId: string, version: number): Promise<void>;
  /** Outline a step's anchor in the CRM page; false when no frame has it. */
  showAnchor(ref: { packId: string; version: number; procedureId: string; stepId: string; anchor: number }): Promise<{ found: boolean; error?: string }>;
  clearHighlight(): Promise<void>;
}

const EMPTY: Record<string, string> = {};

/** The active run's page values (a stable object, so selectors stay cheap). */
export function activeContextValues(s: { activeRunId: string | null; captured: Record<string, Captured> }): Record<string, string> {
  const id = s.activeRunId;
  return (id && s.captured[id]?.values) || EMPTY;
}

const sameValues = (a: Record<string, string> | undefined, b: Record<string, string>) =>
  !!a && Object.keys(a).length === Object.keys(b).length && Object.entries(b).every(([k, v]) => a[k] === v);

export function createContextSlice(set: SetState, get: GetState, deps: StoreDeps): ContextSlice {
  // One read per key at a time: focus events and step changes come in bursts.
  const reading = new Map<string, Promise<void>>();

  async function read(key: string, packId: string, version: number) {
    const before = get().captured[key];
    try {
      // The picker's reads (`pick:`) show suggestions only: the page's fields are not looked for.
      const ctx = await deps.send('context.read', key.startsWith('pick:') ? { packId, version, only: 'suggest' } : { packId, version });
      set((s) => ({ captured: { ...prune(s.captured, s.runs), [key]: { ...ctx, readAt: deps.now() } } }));
      const pack = get().packs[packKey(packId, version)];
      const storable = pack?.sites?.some((site) => site.fields?.some((f) => f.storable && ctx.values[f.id]));
      if (get().runs[key] && storable && !sameValues(before?.values, ctx.values)) {
        await deps.send('context.keep', { runId: key, packId, version, values: ctx.values });
      }
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      set((s) => ({ captured: { ...s.captured, [key]: { ...(before ?? { values: {}, fields: [], suggest: [], frames: 0 }), readAt: deps.now(), error } } }));
    }
  }

  return {
    captured: {},
    readContext(key, packId, version) {
      const running = reading.get(key);
      if (running) return running;
      const p = read(key, packId, version).finally(() => reading.delete(key));
      reading.set(key, p);
      return p;
    },
    showAnchor: (ref) => deps.send('context.show', { ...ref }),
    async clearHighlight() {
      await deps.send('context.clear', {});
    },
  };
}

/** Runs that finished (or went away) leave nothing behind in memory. */
function prune(captured: Record<string, Captured>, runs: Record<string, unknown>): Record<string, Captured> {
  return Object.fromEntries(Object.entries(captured).filter(([k]) => k.startsWith('pick:') || runs[k]));
}
