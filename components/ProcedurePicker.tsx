/** No active run: start one from the newest version of each installed pack. */
import type { Channel, Pack, Procedure } from '@/lib/pack/schema';
import { packKey } from '@/lib/store/panel-store';
import { usePanel, usePanelStore } from '@/lib/store/use-store';
import { usePackText, useT } from '@/lib/i18n/use-t';
import type { MessageKey } from '@/lib/i18n/translate';
import { useActions } from './actions';
import { SuggestedProcedures } from './SuggestedProcedures';
import { StartButtons } from './StartButtons';

type Entry = { pack: Pack; procedure: Procedure };

export function ProcedurePicker() {
  const store = usePanelStore();
  const actions = useActions();
  const tr = useT();
  const pt = usePackText();
  const packs = usePanel((s) => s.packs);
  const latest = usePanel((s) => s.latest);
  // Older versions stay loaded only for open runs that use them; new runs take the newest.
  const entries: Entry[] = Object.entries(latest).flatMap(([id, version]) => {
    const pack = packs[packKey(id, version)];
    return pack ? pack.procedures.map((procedure) => ({ pack, procedure })) : [];
  });
  const start = (e: Entry, channel?: Channel) => store.getState().startRun(e.pack.id, e.procedure.id, channel ? { channel } : {});

  if (entries.length === 0) {
    return (
      <div class="cc-scroll cc-picker">
        <p class="cc-muted">{tr('picker.empty')}</p>
        <button type="button" class="cc-btn" onClick={() => actions.openOptions()}>
          {tr('picker.options')}
        </button>
      </div>
    );
  }

  const group = (title: MessageKey, list: Entry[]) =>
    list.length > 0 && (
      <section class="cc-picker__group" aria-label={tr(title)}>
        <h3 class="cc-section-title">{tr(title)}</h3>
        <ul>
          {list.map((e) => (
            <li key={`${e.pack.id}/${e.procedure.id}`} class="cc-card cc-picker__item">
              <div class="cc-picker__name">{pt(e.procedure.title)}</div>
              {/* Several packs (team-namespaced ids): say which pack and release each procedure is from. */}
              {Object.keys(latest).length > 1 && (
                <div class="cc-muted" data-testid={`cc-pack-of-${e.procedure.id}`}>
                  {tr('picker.packVersion', { pack: e.pack.id, version: e.pack.version })}
                </div>
              )}
              {e.procedure.description && <p class="cc-muted">{pt(e.procedure.description)}</p>}
              <div class="cc-picker__actions">
                <StartButtons procedure={e.procedure} testId="cc-start" onStart={(c) => start(e, c)} />
              </div>
            </li>
          ))}
        </ul>
      </section>
    );

  return (
    <div class="cc-scroll cc-picker">
      <h2 class="cc-picker__title">{tr('picker.title')}</h2>
      <SuggestedProcedures />
      {group(
        'picker.shift',
        entries.filter((e) => e.procedure.kind === 'shift'),
      )}
      {group(
        'picker.contact',
        entries.filter((e) => e.procedure.kind === 'contact'),
      )}
    </div>
  );
}
