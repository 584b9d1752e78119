import { render } from 'preact';
import { App } from '@/components/App';
import { StoreContext } from '@/lib/store/use-store';
import { createPanelStore } from '@/lib/store/panel-store';
import { send } from '@/lib/messaging/client';
import { createPanelActions } from '@/lib/panel/actions';
import { connectPanelPort } from '@/lib/panel/port';
import '@/components/panel.css';

// The panel page: framed into the CRM page by the content script. It holds no data of its
// own: state comes from the background (the one owner of IndexedDB) and goes back there.
const store = createPanelStore({ send, now: () => Date.now(), newId: () => crypto.randomUUID() });
connectPanelPort(
  (push) => store.getState().onPush(push),
  () => void store.getState().load(),
);
void store.getState().load();
render(
  <StoreContext.Provider value={store}>
    <App actions={createPanelActions(store)} />
  </StoreContext.Provider>,
  document.getElementById('app')!,
);
