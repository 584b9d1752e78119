/**
 * The procedures the CRM page suggests (a pack's site rules: an element on the page, a URL),
 * shown first in the picker so the agent starts the right one without searching.
 */
import { useEffect } from 'preact/hooks';
import type { Channel, Pack, Procedure } from '@/lib/pack/schema';
import { packKey } from '@/lib/store/panel-store';
import { usePanel, usePanelStore } from '@/lib/store/use-store';
import { usePackText, useT } from '@/lib/i18n/use-t';
import { StartButtons } from './StartButtons';
import './context.css';

export function SuggestedProcedures() {
  const store = usePanelStore();
  const tr = useT();
  const pt = usePackText();
  const packs = usePanel((s) => s.packs);
  const latest = usePanel((s) => s.latest);
  const captured = usePanel((s) => s.captured);
  const withSites = Object.entries(latest).filter(([id, version]) => packs[packKey(id, version)]?.sites?.length);
  const key = withSites.map(([id, version]) => `${id}@${version}`).join(',');
  useEffect(() => {
    const read = () => withSites.forEach(([id, version]) => void store.getState().readContext(`pick:${id}`, id, version));
    read();
    window.addEventListener('focus', read);
    return () => window.removeEventListener('focus', read);
    // `key` names exactly the packs read; withSites is rebuilt on every render.
  }, [store, key]);

  const entries = withSites.flatMap(([id, version]) => {
    const pack = packs[packKey(id, version)] as Pack;
    return (captured[`pick:${id}`]?.suggest ?? []).flatMap((pid) => {
      const procedure = pack.procedures.find((p) => p.id === pid);
      return procedure ? [{ pack, procedure }] : [];
    });
  });
  if (!entries.length) return null;
  const start = (pack: Pack, procedure: Procedure, channel?: Channel) => store.getState().startRun(pack.id, procedure.id, channel ? { channel } : {});

  return (
    <section class="cc-picker__group cc-suggested" data-testid="cc-suggested" aria-label={tr('suggest.title')}>
      <h3 class="cc-section-title">{tr('suggest.title')}</h3>
      <ul>
        {entries.map(({ pack, procedure }) => (
          <li key={`${pack.id}/${procedure.id}`} class="cc-card cc-picker__item">
            <div class="cc-picker__name">{pt(procedure.title)}</div>
            <div class="cc-picker__actions">
              <StartButtons procedure={procedure} testId="cc-suggest" onStart={(c) => start(pack, procedure, c)} />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
