/**
 * Publishing refuses a pack whose anchor tests fail (issue 12.3) unless the lead gives a
 * reason; the reason is recorded with the release. One rule for the pane and both backends.
 */
import type { AnchorFailure } from '../contract';

export const MIN_REASON = 3;
export const MAX_REASON = 500;

export type Gate = { ok: true; reason?: string } | { ok: false; code: 'anchors-fail' | 'reason-too-short' | 'reason-too-long'; message: string };

export function anchorGate(failures: readonly AnchorFailure[], reason: string | undefined): Gate {
  if (!failures.length) return { ok: true };
  const why = (reason ?? '').trim();
  const names = failures.map((f) => `${f.anchor} (${f.snapshot})`).join(', ');
  if (!why) {
    return {
      ok: false,
      code: 'anchors-fail',
      message: `${failures.length} anchor test(s) fail: ${names}. Fix them, or give a reason to publish anyway; the reason is recorded with the release.`,
    };
  }
  if (why.length < MIN_REASON) return { ok: false, code: 'reason-too-short', message: `The reason must be at least ${MIN_REASON} characters.` };
  if (why.length > MAX_REASON) return { ok: false, code: 'reason-too-long', message: `The reason must be at most ${MAX_REASON} characters.` };
  return { ok: true, reason: why };
}
