/**
 * Pick mode (entrypoints/pick, injected on demand) and the guards (in the CRM content script)
 * share the frame's isolated world but not their modules: this global says when a pick is
 * waiting for the lead's click, so the guards stand down for it. Page scripts run in another
 * world and cannot see or set it.
 */
const KEY = '__cuecardPicking';
type Probe = () => boolean;

export function setPickingProbe(probe: Probe): void {
  (globalThis as Record<string, unknown>)[KEY] = probe;
}

export function picking(): boolean {
  const probe = (globalThis as Record<string, unknown>)[KEY];
  return typeof probe === 'function' && (probe as Probe)() === true;
}
