/**
 * The practice page's picker (issue 13.4): a scenario per procedure from the pack, and the
 * drills each installed release offers over only the steps it changed.
 */
import { useEffect } from 'preact/hooks';
import { drillOffers, type DrillOffer } from '@/lib/coaching/drill';
import { packKey } from '@/lib/store/panel-store';
import { usePanel, usePanelStore } from '@/lib/store/use-store';
import { usePackText, useT } from '@/lib/i18n/use-t';

export function PracticeHome() {
  const store = usePanelStore();
  const tr = useT();
  const pt = usePackText();
  const packs = usePanel((s) => s.packs);
  const latest = usePanel((s) => s.latest);
  const changes = usePanel((s) => s.packUpdates?.changes);
  useEffect(() => {
    if (!changes) void store.getState().loadPackUpdates();
  }, [changes]);
  const current = Object.entries(latest).flatMap(([id, version]) => packs[packKey(id, version)] ?? []);
  const scenarios = current.flatMap((pack) =>
    pack.procedures.flatMap((procedure) => (procedure.scenarios ?? []).map((scenario) => ({ pack, procedure, scenario }))),
  );
  const offers: DrillOffer[] = current.flatMap((pack) => {
    const change = changes?.[packKey(pack.id, pack.version)];
    return change ? drillOffers(change.diff, pack.id, pack.version) : [];
  });
  const title = (o: DrillOffer) => packs[packKey(o.packId, o.version)]?.procedures.find((p) => p.id === o.procedureId)?.title;
  return (
    <div class="cc-scroll cc-picker" data-testid="cc-practice-home">
      <section aria-labelledby="cc-drills-title">
        <h3 id="cc-drills-title" class="cc-section-title">
          {tr('drill.heading')}
        </h3>
        {offers.length === 0 && <p class="cc-muted">{tr('drill.none')}</p>}
        <ul>
          {offers.map((o) => (
            <li key={`${o.packId}/${o.procedureId}`} class="cc-card cc-picker__item">
              <div class="cc-picker__name">{pt(title(o))}</div>
              <p class="cc-muted">{tr('drill.offer', { pack: o.packId, version: o.version, count: o.stepIds.length })}</p>
              {packs[packKey(o.packId, o.version)]?.coaching?.requireDrill && <p class="cc-muted">{tr('drill.required')}</p>}
              <button type="button" class="cc-btn cc-btn--primary" data-testid={`cc-drill-${o.procedureId}`} onClick={() => store.getState().startDrill(o)}>
                {tr('drill.start')}
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="cc-scenarios-title">
        <h3 id="cc-scenarios-title" class="cc-section-title">
          {tr('practice.scenarios')}
        </h3>
        {scenarios.length === 0 && <p class="cc-muted">{tr('practice.none')}</p>}
        <ul>
          {scenarios.map(({ pack, procedure, scenario }) => (
            <li key={`${pack.id}/${procedure.id}/${scenario.id}`} class="cc-card cc-picker__item">
              <div class="cc-picker__name">{pt(scenario.title)}</div>
              <div class="cc-muted">{pt(procedure.title)}</div>
              <button
                type="button"
                class="cc-btn"
                data-testid={`cc-practice-${scenario.id}`}
                onClick={() => store.getState().startScenario(pack.id, procedure.id, scenario.id)}
              >
                {tr('practice.title')}
              </button>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
