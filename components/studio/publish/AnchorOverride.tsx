/** Failing anchor tests by name, and the reason the lead must type to publish anyway (it is recorded). */
import { tp } from '../../../lib/i18n/studio-publish';
import type { AnchorFailure } from '../../../lib/studio/contract';

export function AnchorOverride(props: { lang: 'en' | 'zh'; failures: AnchorFailure[]; reason: string; error?: string; onReason(text: string): void }) {
  if (!props.failures.length) return null;
  return (
    <div class="field anchor-failures" data-field="reason">
      <p>{tp(props.lang, 'anchorsFail', { count: props.failures.length })}</p>
      <ul>
        {props.failures.map((f) => (
          <li key={`${f.anchor}/${f.snapshot}`} data-anchor={f.anchor}>
            <code>{f.anchor}</code> · {f.snapshot}: {f.message}
          </li>
        ))}
      </ul>
      <label for="cc-publish-reason">{tp(props.lang, 'reasonLabel')}</label>
      <textarea
        id="cc-publish-reason"
        rows={2}
        maxLength={500}
        value={props.reason}
        onInput={(e) => props.onReason(e.currentTarget.value)}
        aria-describedby={props.error ? 'cc-publish-reason-error' : undefined}
        aria-invalid={props.error ? 'true' : undefined}
      />
      {props.error ? (
        <p id="cc-publish-reason-error" class="error" role="alert">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
