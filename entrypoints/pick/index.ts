import { browser } from 'wxt/browser';
import type { ContentPush } from '@/lib/messaging/protocol';
import { createPickResponder } from '@/lib/pick/content-pick';
import { setPickingProbe } from '@/lib/pick/picking-flag';

// Studio's pick mode and masked snapshots (issue 12). Not part of the CRM content script that
// every agent's page loads: the background injects this into the frames of the lead's CRM tab
// that have a live content script, and only when Studio asks (lib/background/studio-bridge.ts).
// It shares that script's isolated world, so one copy per frame is enough.
export default defineUnlistedScript(() => {
  const g = globalThis as { __cuecardPick?: boolean };
  if (g.__cuecardPick) return;
  g.__cuecardPick = true;
  const picker = createPickResponder(window);
  setPickingProbe(() => picker.active());
  browser.runtime.onMessage.addListener((msg: unknown, _sender: unknown, reply: (r: unknown) => void) => {
    const push = msg as ContentPush | undefined;
    return push && typeof push === 'object' ? picker.handle(push, reply) : undefined;
  });
});
