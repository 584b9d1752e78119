import { relayStudio } from '@/lib/pick/bridge-relay';

// Runs on the Studio address the lead set in options, top frame only (registered by
// lib/background/studio-bridge.ts): relays Studio's pick and snapshot requests to the background.
export default defineContentScript({
  registration: 'runtime',
  matches: [],
  main(ctx) {
    const stop = relayStudio(window);
    ctx.onInvalidated(stop);
  },
});
