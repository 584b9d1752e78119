/**
 * A click the CRM page held (issue 13.1, 13.2): why, the way to the verification step, and an
 * override whose reason is recorded in the contact. The reason is typed here, in the panel's
 * frame, so the CRM page never sees the keys.
 */
import { useState } from 'preact/hooks';
import { usePanel, usePanelStore } from '@/lib/store/use-store';
import { useT } from '@/lib/i18n/use-t';
import { useActiveRun } from './use-run';
import { isIdentityVerified } from '@/lib/engine/gates';

export function GuardHeldCard() {
  const store = usePanelStore();
  const tr = useT();
  const held = usePanel((s) => s.held);
  const active = useActiveRun();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  // A held guard click is answered once the contact is verified: the next click goes through.
  if (!held || (held.kind === 'guard' && !held.recorded && active && isIdentityVerified(active.run, active.procedure))) return null;
  const close = () => {
    setAsking(false);
    setReason('');
    setError('');
    store.getState().dismissHeld();
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    setError('');
    try {
      await store.getState().overrideHeld(reason);
      setAsking(false);
      setReason('');
    } catch (err) {
      setError(tr('guard.failed', { error: err instanceof Error ? err.message : String(err) }));
    }
  };
  const guard = held.kind === 'guard';
  return (
    <div class="cc-banner cc-banner--held" role="alert" data-testid="cc-held" data-kind={held.kind}>
      <p>
        <strong>{guard ? tr('blocked.identity') : tr('fieldCheck.held')}</strong>
      </p>
      <p data-testid="cc-held-name">{held.name}</p>
      {!active && <p class="cc-muted">{tr('guard.noContact')}</p>}
      {held.recorded && (
        <p data-testid="cc-held-recorded" role="status">
          {guard ? tr('guard.allowed', { name: held.name }) : tr('fieldCheck.allowed')}
        </p>
      )}
      {!asking && (
        <div class="cc-banner__actions">
          {guard && active && !held.recorded && (
            <button type="button" class="cc-btn cc-btn--small" data-testid="cc-held-verify" onClick={() => store.getState().goToVerification()}>
              {tr('guard.goVerify')}
            </button>
          )}
          {active && !held.recorded && (
            <button type="button" class="cc-btn cc-btn--small cc-btn--ghost" data-testid="cc-held-override" onClick={() => setAsking(true)}>
              {tr('guard.override')}
            </button>
          )}
          <button type="button" class="cc-btn cc-btn--small cc-btn--ghost" data-testid="cc-held-dismiss" onClick={close}>
            {tr('guard.cancel')}
          </button>
        </div>
      )}
      {asking && (
        <form onSubmit={(e) => void submit(e)}>
          <label class="cc-field">
            <span>{guard ? tr('guard.reason') : tr('fieldCheck.reason')}</span>
            <input
              type="text"
              maxLength={500}
              required
              value={reason}
              data-testid="cc-held-reason"
              onInput={(e) => setReason((e.target as HTMLInputElement).value)}
              ref={(el) => el?.focus()}
            />
          </label>
          <div class="cc-banner__actions">
            <button type="submit" class="cc-btn cc-btn--small" data-testid="cc-held-confirm" disabled={reason.trim() === ''}>
              {tr('guard.confirm')}
            </button>
            <button type="button" class="cc-btn cc-btn--small cc-btn--ghost" onClick={close}>
              {tr('guard.cancel')}
            </button>
          </div>
        </form>
      )}
      {error && <p class="cc-notice">{error}</p>}
    </div>
  );
}
