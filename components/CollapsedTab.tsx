/** The collapsed panel: a 28×112 px vertical tab on the page edge that reopens it. */
import { useT } from '@/lib/i18n/use-t';

export function CollapsedTab({ onOpen }: { onOpen: () => void }) {
  const tr = useT();
  return (
    <button type="button" class="cc-tab" data-testid="cc-tab" title={tr('tab.open')} aria-label={tr('tab.open')} onClick={onOpen}>
      <span class="cc-tab__text" aria-hidden="true">
        {tr('tab.label')}
      </span>
    </button>
  );
}
