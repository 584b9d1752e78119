/**
 * Installed with context.addInitScript, so it runs at document start in every frame, in both
 * conditions, before any page or panel code. Self-contained: Playwright sends its source text.
 * - Top-level pages and the panel frame record their long tasks (> 50 ms) with attribution.
 * - The panel frame records, on its own clock, when [data-testid="cc-panel"] first exists and
 *   when it stops being the loading placeholder. The panel code cannot move these stamps:
 *   they come from a MutationObserver installed before its first line runs.
 * Times are absolute (performance.timeOrigin + t, ms since the epoch) so the page and the
 * panel, which run in different processes, can be compared.
 */
export interface LongTask {
  start: number;
  duration: number;
  name: string;
  containerType: string;
  containerSrc: string;
}

export interface Probe {
  longTasks: LongTask[];
  panelFirstAt: number;
  panelReadyAt: number;
}

export function installProbe(): void {
  const w = window as unknown as { __ccBench?: Probe };
  if (w.__ccBench) return;
  const isPanel = location.protocol === 'chrome-extension:' && location.pathname === '/panel.html';
  if (!isPanel && window.top !== window) return;
  const probe: Probe = { longTasks: [], panelFirstAt: 0, panelReadyAt: 0 };
  w.__ccBench = probe;
  const abs = (t: number) => performance.timeOrigin + t;
  type Attributed = PerformanceEntry & { attribution?: { containerType?: string; containerSrc?: string }[] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as Attributed[]) {
      const a = e.attribution?.[0];
      probe.longTasks.push({
        start: abs(e.startTime),
        duration: e.duration,
        name: e.name,
        containerType: a?.containerType ?? '',
        containerSrc: a?.containerSrc ?? '',
      });
    }
  }).observe({ type: 'longtask', buffered: true });
  if (!isPanel) return;
  const observer = new MutationObserver(() => {
    const el = document.querySelector('[data-testid="cc-panel"]');
    if (!el) return;
    const now = abs(performance.now());
    if (!probe.panelFirstAt) probe.panelFirstAt = now;
    if (!el.classList.contains('cc-panel--loading')) {
      probe.panelReadyAt = now;
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] });
}
