/**
 * The palette's data: one search index per set of installed packs (built once, kept while the
 * store's pack set is the same object), and a search hit resolved to its pack objects.
 */
import { buildIndex, type Hit, type SearchIndex } from '@/lib/search';
import type { Pack, Phrase, Procedure, Step } from '@/lib/pack/schema';
import { packKey, type PanelState } from '@/lib/store/panel-store';

type Packs = PanelState['packs'];
type Latest = PanelState['latest'];

/** Newest version of each pack: older versions are loaded only for the open runs that use them. */
export function newestPacks(packs: Packs, latest: Latest): Pack[] {
  return Object.entries(latest).flatMap(([id, version]) => packs[packKey(id, version)] ?? []);
}

// Keyed by the store's `packs` object, which is replaced only when packs are (re)loaded.
const cache = new WeakMap<Packs, SearchIndex>();
let builds = 0;

export function indexFor(packs: Packs, latest: Latest): SearchIndex {
  let index = cache.get(packs);
  if (!index) {
    index = buildIndex(newestPacks(packs, latest));
    builds++;
    cache.set(packs, index);
  }
  return index;
}

/** How many indexes were built (the component test checks the memo holds across openings). */
export const indexBuilds = () => builds;

export interface Target {
  pack: Pack;
  procedure: Procedure;
  step?: Step;
  phrase?: Phrase;
}

export function resolveHit(packs: Packs, latest: Latest, hit: Hit): Target | undefined {
  const version = latest[hit.packId];
  const pack = version === undefined ? undefined : packs[packKey(hit.packId, version)];
  const procedure = pack?.procedures.find((p) => p.id === hit.procedureId);
  if (!pack || !procedure) return undefined;
  const step = hit.stepId === undefined ? undefined : procedure.steps.find((s) => s.id === hit.stepId);
  const phrase = hit.phraseId === undefined ? undefined : step?.phrases?.find((p) => p.id === hit.phraseId);
  return { pack, procedure, ...(step ? { step } : {}), ...(phrase ? { phrase } : {}) };
}
