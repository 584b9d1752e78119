/**
 * A click the CRM page held (issue 13.1, 13.2), as the panel shows it: the way to the
 * verification step, or an override with a reason that the background records in the contact.
 * The reason is typed here, in the panel's own frame, where the page cannot read the keys.
 */
import type { GuardHeld } from '../messaging/protocol';
import type { GetState, SetState, StoreDeps } from './panel-store';
import { toVerification } from './verify-step';

export interface GuardSlice {
  /** `recorded`: the override is in the contact; the page lets the next click through. */
  held: (GuardHeld & { recorded?: boolean }) | null;
  /** Set when a push arrives; the panel opens its card. */
  receiveHeld(held: GuardHeld): void;
  dismissHeld(): void;
  /** Records the override; the page then lets the agent's next click on it through. */
  overrideHeld(reason: string): Promise<void>;
  goToVerification(): void;
}

export function createGuardSlice(set: SetState, get: GetState, deps: StoreDeps): GuardSlice {
  return {
    held: null,
    receiveHeld: (held) => set({ held }),
    dismissHeld: () => set({ held: null }),
    async overrideHeld(reason) {
      const held = get().held;
      if (!held) return;
      await deps.send('guard.override', { kind: held.kind, target: held.target, reason });
      set({ held: { ...held, recorded: true } });
    },
    goToVerification() {
      toVerification(get);
      set({ held: null });
    },
  };
}
