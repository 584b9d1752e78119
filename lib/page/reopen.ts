/**
 * Notices the page replacing its document with `document.open()` (a view switch some CRMs
 * do, and how a parent writes a frame with `document.write`). That keeps the same window and
 * Document but removes every node, the panel's host included, and erases every event
 * listener, ours too (HTML spec, "document open steps"); this copy of the content script is
 * then deaf. MutationObservers are not erased, so one on the document sees the old root go.
 * Runs in every frame's content script: no dependencies.
 */
export function watchReopen(doc: Document, onReopened: () => void): { stop(): void } {
  const root = doc.documentElement;
  const observer = new MutationObserver(() => {
    if (doc.documentElement === root && root?.isConnected) return;
    observer.disconnect();
    onReopened();
  });
  observer.observe(doc, { childList: true });
  return { stop: () => observer.disconnect() };
}

/**
 * Calls `then` once the rewritten document has finished loading (`document.close()`), or
 * after `maxMs` for a page that never closes it: a listener added now survives, as the
 * erasing happened before.
 */
export function whenComplete(doc: Document, then: () => void, maxMs = 5000): void {
  if (doc.readyState === 'complete') return void setTimeout(then, 0);
  let done = false;
  const finish = () => {
    if (done || (doc.readyState !== 'complete' && !timedOut)) return;
    done = true;
    doc.removeEventListener('readystatechange', finish);
    then();
  };
  let timedOut = false;
  doc.addEventListener('readystatechange', finish);
  setTimeout(() => {
    timedOut = true;
    finish();
  }, maxMs);
}
