/**
 * Tells the agent why the panel does not answer while the CRM page covers, fades or distorts it
 * (lib/panel-page/visibility.ts). In the slim collapsed tab there is no room for a sentence: the tab
 * is marked and the sentence is its tooltip.
 */
import { useEffect, useReducer } from 'preact/hooks';
import { useT } from '@/lib/i18n/use-t';
import { visibilityGuard } from '@/lib/panel-page/visibility';

function useCovered(): boolean {
  const guard = visibilityGuard();
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useEffect(() => guard?.subscribe(() => rerender(undefined)), [guard]);
  return guard?.noticeShown() ?? false;
}

export function CoveredNotice({ compact }: { compact: boolean }) {
  const tr = useT();
  const covered = useCovered();
  if (!covered) return null;
  return (
    <div class={compact ? 'cc-covered cc-covered--tab' : 'cc-covered'} role="alert" data-testid="cc-covered" title={tr('panel.covered')}>
      {compact ? '!' : tr('panel.covered')}
    </div>
  );
}
