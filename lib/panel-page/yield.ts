/**
 * Ending the current task so the browser can run others (input, rendering, the background's
 * answer) before we go on: the panel's boot is split this way into tasks that each stay well
 * under the 50 ms a long task starts at (measured with test/bench/panel-boot.ts).
 */
interface Scheduler {
  yield?: () => Promise<void>;
}

/** A task of normal priority: a MessageChannel message (no 4 ms timer clamp), queued behind what is already waiting. */
export function nextMessage(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** A later task that still goes first: scheduler.yield() where there is one (its continuation runs before other queued work). */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  return scheduler?.yield ? scheduler.yield() : nextMessage();
}
