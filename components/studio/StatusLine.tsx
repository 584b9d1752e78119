/** One line under the title bar: compile state (errors / warnings) and the last save's outcome. */
import type { CompileResult } from '@/lib/pack/authoring/compile';
import type { StudioT } from '@/lib/i18n/studio-t';
import type { SaveStatus } from './use-studio';

export function StatusLine({ t, status, compiled, compiles }: { t: StudioT; status: SaveStatus; compiled: CompileResult | null; compiles: number }) {
  const errors = compiled && !compiled.ok ? compiled.errors.length : 0;
  const warnings = compiled?.warnings.length ?? 0;
  return (
    <div class="studio-status">
      <span data-testid="studio-compile-state" data-compiles={compiles} class={errors ? 'studio-status--bad' : 'studio-status--ok'} aria-live="polite">
        {compiled && (errors ? t('studio.errors', { count: errors }) : t('studio.ok'))}
        {warnings > 0 && ` · ${t('studio.warnings', { count: warnings })}`}
      </span>
      {status.kind === 'saving' && <span aria-live="polite">{t('studio.saving')}</span>}
      {status.kind === 'saved' && (
        <span aria-live="polite" data-testid="studio-saved">
          {t('studio.saved')}
        </span>
      )}
      {status.kind === 'error' && (
        <span role="alert" class="studio-status--bad" data-testid="studio-save-error">
          {t('studio.saveFailed', { error: status.message })}
        </span>
      )}
    </div>
  );
}
