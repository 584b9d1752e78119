/** The open panel: header, save banner, the run (or picker / history), and the help overlay. */
import { useState } from 'preact/hooks';
import { usePanel, usePanelStore } from '@/lib/store/use-store';
import { useT } from '@/lib/i18n/use-t';
import { useShortcuts } from './panel-shortcuts';
import { useActiveRun } from './use-run';
import { Header } from './Header';
import { SaveBanner } from './SaveBanner';
import { GuardHeldCard } from './GuardHeldCard';
import { PackNotices } from './PackNotices';
import { RunView } from './RunView';
import { ProcedurePicker } from './ProcedurePicker';
import { History } from './History';
import { HelpOverlay } from './HelpOverlay';
import { SearchPalette } from './SearchPalette';
import { FollowUps } from './FollowUps';
import { openRunsInOrder } from './RunSwitcher';
import { Icon } from './Icon';
import { PracticeHome } from './PracticeHome';
import { PracticeResult } from './PracticeResult';
import { PracticeBanner } from './PracticeParts';
import { useAfterFirstFrame } from './use-after-first-frame';

export type PanelView = 'run' | 'history';

export function Panel({ onCollapse }: { onCollapse: () => void }) {
  const store = usePanelStore();
  const tr = useT();
  const active = useActiveRun();
  const runs = usePanel((s) => s.runs);
  const practice = usePanel((s) => s.practice);
  const practiceResult = usePanel((s) => s.practiceResult !== null);
  const [view, setView] = useState<PanelView>('run');
  const [help, setHelp] = useState(false);
  const filled = useAfterFirstFrame();

  const newContact = () => {
    store.getState().switchRun(undefined);
    setView('run');
  };
  // Cycles in start order, so repeated Alt+R visits every open contact (parallel chats).
  const nextRun = () => {
    const ids = openRunsInOrder(runs).map((r) => r.id);
    if (ids.length === 0) return;
    store.getState().switchRun(ids[(ids.indexOf(active?.run.id ?? '') + 1) % ids.length]);
    setView('run');
  };
  useShortcuts({
    help: () => setHelp(true),
    close: () => (help ? setHelp(false) : setView('run')),
    newRun: newContact,
    nextRun,
  });

  let body;
  if (view === 'history') {
    body = (
      <div class="cc-scroll">
        <button type="button" class="cc-btn cc-btn--ghost cc-back-link" onClick={() => setView('run')}>
          <Icon name="back" /> {tr('history.back')}
        </button>
        <History />
      </div>
    );
  } else if (active) body = <RunView />;
  else if (practice) body = practiceResult ? <PracticeResult /> : <PracticeHome />;
  else body = <ProcedurePicker />;

  // The body comes one frame after the header: in a renderer that has not laid out text yet,
  // the whole panel's first layout was one task of 40–70 ms (test/bench/panel-boot.ts --restart).
  // Until then the panel still counts as loading (the bench and assistive tech wait for it).
  return (
    <div class={filled ? 'cc-panel' : 'cc-panel cc-panel--loading'} aria-busy={filled ? undefined : 'true'} data-testid="cc-panel">
      <Header onCollapse={onCollapse} onHelp={() => setHelp(true)} onNavigate={setView} />
      <PracticeBanner />
      <SaveBanner />
      <GuardHeldCard />
      <PackNotices />
      <main class="cc-body">{filled && body}</main>
      <FollowUps />
      <SearchPalette />
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
    </div>
  );
}
