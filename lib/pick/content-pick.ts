/** The CRM content script's answers to pick and snapshot pushes (issue 12). */
import type { ContentPush } from '../messaging/protocol';
import { captureFrame } from './capture';
import { startPick } from './pick-mode';

export function createPickResponder(win: Window) {
  let stop: (() => void) | undefined;
  const end = () => {
    stop?.();
    stop = undefined;
  };
  /** True when it will reply later (keep the channel open); undefined when not its message. */
  return {
    handle(push: ContentPush, reply: (r: unknown) => void): boolean | undefined {
      if (push.type === 'content.capture') return (void reply(captureFrame(win.document, win.name, win.location.href)), false);
      if (push.type === 'content.pickEnd') return (void (end(), reply({ ok: true })), false);
      if (push.type !== 'content.pick') return undefined;
      end();
      stop = startPick(win, push.kind === 'control' ? 'control' : 'field', (answer) => {
        stop = undefined;
        reply(answer);
      });
      return true;
    },
    /** Pick mode is waiting for a click in this frame (guards stand down for it). */
    active: () => stop !== undefined,
    dispose: end,
  };
}
