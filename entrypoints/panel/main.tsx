import { render } from 'preact';
import { App } from '@/components/App';
import { StoreContext } from '@/lib/store/use-store';
import { createPanelStore } from '@/lib/store/panel-store';
import { send } from '@/lib/messaging/client';
import { createPanelActions } from '@/lib/panel-page/actions';
import { claimPanel, showUnavailable } from '@/lib/panel-page/claim';
import { connectPanelPort } from '@/lib/panel-page/port';
import { warmFonts } from '@/lib/panel-page/warm-fonts';
import { nextTask } from '@/lib/panel-page/yield';
import { installVisibilityGuard } from '@/lib/panel-page/visibility';
import '@/components/panel.css';

// The panel page: framed into the CRM page by the content script. It holds no data of its
// own: state comes from the background (the one owner of IndexedDB) and goes back there —
// once the background has accepted this frame's ticket (lib/panel-page/claim.ts).
async function start() {
  if (!(await claimPanel(location.hash))) return showUnavailable(document, navigator.language);
  installVisibilityGuard(); // before anything can be clicked: the page may be covering the frame
  const store = createPanelStore({ send, now: () => Date.now(), newId: () => crypto.randomUUID() });
  // Ask for the state first: the background's answer is what the panel waits for.
  void store.getState().load();
  connectPanelPort(
    (push) => store.getState().onPush(push),
    () => void store.getState().load(),
  );
  // The rest in tasks of their own, each well under the 50 ms of a long task (measured with
  // test/bench/panel-boot.ts): evaluating this bundle, the first render and its layout, and the
  // full panel's first layout were one or two long tasks in a cold renderer.
  await nextTask();
  render(
    <StoreContext.Provider value={store}>
      <App actions={createPanelActions(store)} />
    </StoreContext.Provider>,
    document.getElementById('app')!,
  );
  // Until the panel's body is in (Panel adds it one frame after the header; that layout was
  // the boot's longest task left, almost all font matching and shaping: panel-boot.ts
  // --outline), or for as long as the host keeps the frame at 0×0 (a busy CRM page sizes it
  // late): nothing is drawn then, and the panel's first layout waits for the size. Each
  // slice is a task of its own, so the render and the frame never wait behind more than one.
  void warmFonts(document, () => !store.getState().ready || innerWidth === 0 || document.querySelector('.cc-panel--loading') !== null);
}
void start();
