/** One anchor in the Anchors pane: its name, where it points, and Pick on CRM. */
import type { anchorsT } from '@/lib/i18n/studio-anchors';
import type { PackAnchor } from '@/lib/pick/pack-anchors';

export function AnchorRow({ anchor, canPick, onPick, t }: { anchor: PackAnchor; canPick: boolean; onPick: () => void; t: ReturnType<typeof anchorsT> }) {
  const { loc } = anchor;
  const where = loc.selector ? `selector ${loc.selector}` : `labelText “${loc.labelText ?? ''}”`;
  return (
    <li data-testid="studio-anchor">
      <strong>{anchor.name}</strong> <code>{where}</code>
      {loc.frame && <code> frame {loc.frame}</code>}{' '}
      {anchor.target ? (
        <button type="button" disabled={!canPick} onClick={onPick} aria-label={`${t('anchors.pick')}: ${anchor.name}`}>
          {t('anchors.pick')}
        </button>
      ) : (
        <em>{t('anchors.byHand')}</em>
      )}
    </li>
  );
}
