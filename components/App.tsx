/**
 * The panel's root: provides the injected actions, waits for the store to load, and shows
 * either the full panel or, when the frame is collapsed to 28×112 px, only the slim tab.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { usePanel, usePanelStore } from '@/lib/store/use-store';
import { useT } from '@/lib/i18n/use-t';
import { ActionsContext, type PanelActions } from './actions';
import { useShortcuts } from './panel-shortcuts';
import { CollapsedTab } from './CollapsedTab';
import { CoveredNotice } from './CoveredNotice';
import { Panel } from './Panel';

// Narrower than this the frame can only be the collapsed tab, whatever settings say.
const NARROW = '(max-width: 120px)';

/** The frame's own size is the truth about what the host shows; it needs no message to arrive. */
function useNarrowFrame(): boolean {
  const [narrow, setNarrow] = useState(() => globalThis.matchMedia?.(NARROW).matches ?? false);
  useEffect(() => {
    const query = globalThis.matchMedia?.(NARROW);
    if (!query) return;
    const onChange = () => setNarrow(query.matches);
    query.addEventListener('change', onChange);
    // The frame is out-of-process: its real size can arrive between the first render and
    // this effect, and that change fires no event we could still hear. Look again now.
    onChange();
    return () => query.removeEventListener('change', onChange);
  }, []);
  return narrow;
}

export function App({ actions }: { actions: PanelActions }) {
  const store = usePanelStore();
  const tr = useT();
  const ready = usePanel((s) => s.ready);
  const loadError = usePanel((s) => s.loadError);
  const panelOpen = usePanel((s) => s.settings.panelOpen);
  const narrow = useNarrowFrame();
  // Optimistic: collapse at once on click; settings (pushed by the background) catch up.
  const [open, setOpenLocal] = useState(panelOpen);
  useEffect(() => setOpenLocal(panelOpen), [panelOpen]);
  // The host widened the frame (e.g. Alt+Shift+K in the CRM page): we are open again.
  const wasNarrow = useRef(narrow);
  useEffect(() => {
    if (wasNarrow.current && !narrow) setOpenLocal(true);
    wasNarrow.current = narrow;
  }, [narrow]);

  const setOpen = (next: boolean) => {
    setOpenLocal(next);
    void actions.setOpen(next).catch(() => undefined);
  };
  // Esc also ends a Studio pick in this tab: the lead may have clicked into the panel meanwhile.
  useShortcuts({ collapse: () => setOpen(narrow || !open), close: () => actions.cancelPick?.() });

  let body;
  if (narrow || !open) body = <CollapsedTab onOpen={() => setOpen(true)} />;
  else if (!ready) {
    body = (
      <div class="cc-panel cc-panel--loading cc-panel--placeholder" data-testid="cc-panel">
        {loadError ? (
          <div class="cc-load-error" role="alert">
            <p>{tr('app.loadError', { error: loadError })}</p>
            <button type="button" class="cc-btn" onClick={() => void store.getState().load()}>
              {tr('app.retry')}
            </button>
          </div>
        ) : (
          <p class="cc-muted" role="status">
            {tr('app.loading')}
          </p>
        )}
      </div>
    );
  } else body = <Panel onCollapse={() => setOpen(false)} />;
  return (
    <ActionsContext.Provider value={actions}>
      {body}
      <CoveredNotice compact={narrow || !open} />
    </ActionsContext.Provider>
  );
}
