/** One form field: commits on blur or Enter; a refused edit is shown under it and the input keeps what was typed. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { StudioT } from '@/lib/i18n/studio-t';

export function FormField({ label, value, testId, onCommit, t }: { label: string; value: string; testId: string; onCommit(v: string): void; t: StudioT }) {
  const [error, setError] = useState<string>();
  const input = useRef<HTMLInputElement>(null);
  // The source changed elsewhere (the editor, another field): show it, unless the lead is typing here.
  useEffect(() => {
    if (input.current && document.activeElement !== input.current) input.current.value = value;
  }, [value]);
  const commit = () => {
    const v = input.current!.value;
    if (v === value) return setError(undefined);
    try {
      onCommit(v);
      setError(undefined);
    } catch (e) {
      setError(t('studio.form.failed', { error: (e as Error).message }));
    }
  };
  return (
    <label class="studio-field">
      <span>{label}</span>
      <input
        ref={input}
        defaultValue={value}
        data-testid={testId}
        aria-invalid={error ? 'true' : undefined}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
      {error && (
        <span role="alert" class="studio-status--bad">
          {error}
        </span>
      )}
    </label>
  );
}
