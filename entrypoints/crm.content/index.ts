import { browser } from 'wxt/browser';
import { send, sendPatiently } from '@/lib/messaging/client';
import type { ContentPush } from '@/lib/messaging/protocol';
import { mountPanel, type PanelHost } from '@/lib/panel-host/mount';
import { createFocusTracker, createHighlighter, guardLifecycle, insertText, panelHostDecision, readContext, watchReopen, whenComplete } from '@/lib/page';
import { isToggleKey } from '@/lib/panel-host/keys';
import { forwardPageKeys } from '@/lib/shortcuts/page-forward';
import { createPageGuards } from '@/lib/page/guard';
import { picking } from '@/lib/pick/picking-flag';

// Runs in every frame of a CRM page: each frame tracks its own focused field (so inserts
// work in cross-origin frames too); one frame — the top page, or the largest frame of a
// frameset — also shows the panel. Injected by the background (lib/background/inject.ts)
// into the agent's sites only, once each frame has loaded.
export default defineContentScript({
  registration: 'runtime',
  matches: [],
  allFrames: true,
  main(ctx) {
    // The background asks this before injecting, so a frame never gets two live copies.
    const g = globalThis as { __cuecardLive?: () => boolean };
    if (g.__cuecardLive?.()) return;
    g.__cuecardLive = () => !ctx.isInvalid;
    // Still in the task WXT built ctx in: a page must not be able to stop us with WXT's own
    // "another copy started" event (lib/page/lifecycle.ts).
    const started = (ctx.constructor as { SCRIPT_STARTED_MESSAGE_TYPE?: string }).SCRIPT_STARTED_MESSAGE_TYPE;
    guardLifecycle(window, started ?? `${browser.runtime.id}:crm:wxt:content-script-started`, () => ctx.isValid, ctx.signal);
    // Normally injected after the frame's load event. After an install or update the open
    // tabs get it at once, possibly mid-load: the panel still waits for `load` (a frame added
    // before it would delay the page's load event until that frame has loaded).
    const loaded = document.readyState === 'complete' ? Promise.resolve() : new Promise((r) => window.addEventListener('load', r, { once: true }));
    const afterLoad = (work: () => void) => void loaded.then(() => ctx.isInvalid || work());
    const tracker = createFocusTracker(document, () => void send('page.focused', {}).catch(() => undefined));
    ctx.onInvalidated(() => tracker.dispose());
    const highlighter = createHighlighter(window);
    ctx.onInvalidated(() => highlighter.clear());
    // A page that rewrites its document (document.open) removed our host and erased our
    // listeners: this copy stands down, and once the new document has loaded the background
    // injects a fresh copy into it (lib/page/reopen.ts), which brings the panel back.
    const reopen = watchReopen(document, () => {
      ctx.abort('document replaced');
      whenComplete(document, () => void send('page.frames', {}).catch(() => undefined));
    });
    ctx.onInvalidated(() => reopen.stop());

    let panel: PanelHost | undefined;
    if (panelHostDecision(window) === 'mount') {
      // Patiently: a worker that is still starting (just installed, or woken by this load)
      // must not leave the page without its panel until the next reload.
      // The panel frame gets a one-time ticket in its URL fragment: only a frame that presents
      // it may act as the panel (lib/background/panel-sessions.ts). getURL gives the dynamic URL
      // (`use_dynamic_url`), which page scripts cannot guess.
      const panelUrl = async () => `${browser.runtime.getURL('/panel.html')}#${(await sendPatiently('panel.ticket', {})).ticket}`;
      afterLoad(
        () =>
          void Promise.all([sendPatiently('page.layout', {}), panelUrl()]).then(
            ([layout, src]) => {
              if (ctx.isInvalid) return;
              panel = mountPanel(document, src, layout, panelUrl);
              ctx.onInvalidated(() => panel?.remove());
            },
            () => undefined,
          ),
      );
    }
    // Every frame hears the toggle key: the agent's focus may be in a frame that does not host
    // the panel (a frameset's nav frame, an iframe). Those ask the background what is shown.
    // A page script can dispatch a fake Alt+Shift+K: only a real key press counts.
    ctx.addEventListener(
      window,
      'keydown',
      (e) => {
        if (!e.isTrusted || !isToggleKey(e)) return;
        e.preventDefault();
        e.stopImmediatePropagation();
        const shown = panel ? Promise.resolve(panel.isOpen()) : send('page.layout', {}).then((l) => l.open);
        void shown.then((open) => send('panel.setOpen', { open: !open })).catch(() => undefined);
      },
      { capture: true },
    );

    // Page shortcuts (Options; off by default): the panel's Alt keys, taken from the page.
    const pageKeys = forwardPageKeys(window, (combo) => void send('page.key', { combo }).catch(() => undefined));
    ctx.onInvalidated(() => pageKeys.dispose());
    afterLoad(
      () =>
        void send('page.shortcuts', {}).then(
          (r) => pageKeys.setCombos(r.combos),
          () => undefined,
        ),
    );

    // Frames that load later (an iframe added by the page, a frameset link) need the script too;
    // the tab's loading state does not always say so. Load events do not bubble: capture them.
    let framesTimer: number | undefined;
    ctx.addEventListener(
      document,
      'load',
      (e: Event) => {
        const t = e.target as Element | null;
        if (!e.isTrusted) return; // a page's fake load would only make the background work
        if (t?.tagName !== 'IFRAME' && t?.tagName !== 'FRAME') return;
        clearTimeout(framesTimer);
        framesTimer = ctx.setTimeout(() => void send('page.frames', {}).catch(() => undefined), 50);
      },
      { capture: true },
    );

    // Guarded controls and field checks (issue 13.1, 13.2): what is locked comes only from the
    // background; a held click opens the panel, where the agent verifies or overrides.
    const guards = createPageGuards(
      window,
      {
        held: (kind, target, rules) => {
          void send('panel.setOpen', { open: true }).catch(() => undefined);
          void send('guard.held', { kind, target, ...(rules ? { rules } : {}) }).catch(() => undefined);
        },
      },
      picking, // the lead's pick click (entrypoints/pick) is theirs, not the agent's: guards stand down
    );
    ctx.onInvalidated(() => guards.dispose());
    afterLoad(
      () =>
        void send('page.guards', {}).then(
          (state) => ctx.isValid && guards.apply(state),
          () => undefined,
        ),
    );

    const onMessage = (msg: unknown, _sender: unknown, reply: (r: unknown) => void) => {
      const push = msg as ContentPush;
      if (push?.type === 'content.guards' && push.state) return void (guards.apply(push.state, push.pass), reply({ ok: true }));
      if (push?.type === 'content.shortcuts' && Array.isArray(push.combos)) return void (pageKeys.setCombos(push.combos), reply({ ok: true }));
      if (push?.type === 'content.insert' && typeof push.text === 'string') {
        const target = tracker.last();
        // A field inside a closed shadow root is not "no field": the agent is in one we cannot write.
        if (!target) return void reply({ ok: false, reason: tracker.opaque() ? 'closed-shadow' : 'no-field' });
        void insertText(target, push.text).then(reply, (err: unknown) => reply({ ok: false, reason: String(err) }));
        return true; // answered once the editor re-rendered and the text was read back
      }
      if (push?.type === 'content.layout' && panel) {
        panel.setLayout(push.layout);
        reply({ ok: true });
      }
      if (push?.type === 'content.read') return void reply(readContext(window, push.sites, push.top));
      if (push?.type === 'content.unhighlight') return void (highlighter.clear(), reply({ ok: true }));
      if (push?.type === 'content.highlight') {
        void highlighter.show(push.anchor).then(reply);
        return true; // answered once the element is there, or the wait is over
      }
    };
    afterLoad(() => browser.runtime.onMessage.addListener(onMessage));
    // After a reload or uninstall `browser.runtime` is gone: there is nothing left to remove.
    ctx.onInvalidated(() => browser.runtime?.onMessage.removeListener(onMessage));
    // WXT notices a dead extension only when asked; ask every few seconds, so a panel whose
    // extension was turned off or updated away does not linger in the CRM page.
    ctx.setInterval(() => undefined, 3000);
  },
});
