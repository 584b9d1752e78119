/**
 * Keeps a page from stopping the content script. WXT 0.21's ContentScriptContext invalidates
 * itself (removing the panel and every listener) when it hears, on `document`, a CustomEvent
 * named `<extension id>:<script>:wxt:content-script-started` from "another copy" — and any page
 * script can dispatch that (node_modules/wxt/dist/utils/content-script-context.mjs). Cuecard
 * does not need the mechanism: the background injects a frame only when no live copy answers
 * (entrypoints/crm.content: `__cuecardLive`), and a copy orphaned by an update notices on its
 * own that `browser.runtime` is gone. So while this copy is alive, every such event is stopped
 * on window in the capture phase, before it reaches WXT's listener on document. Registered in
 * the same task as WXT's constructor, before any page script can run.
 */
export function guardLifecycle(win: Window, eventName: string, alive: () => boolean, signal: AbortSignal): void {
  win.addEventListener(
    eventName,
    (e) => {
      if (alive()) e.stopImmediatePropagation();
    },
    { capture: true, signal },
  );
}
