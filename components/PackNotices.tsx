/**
 * Pack news at the top of the panel, never in the way: a release arrived (with what
 * changed), or a file was refused and the agent keeps the version they have.
 */
import { useEffect, useState } from 'preact/hooks';
import type { PackNotice } from '@/lib/distribution/views';
import { packKey } from '@/lib/store/panel-store';
import { usePanel, usePanelStore } from '@/lib/store/use-store';
import { usePackText, useT, type TFunction } from '@/lib/i18n/use-t';
import type { MessageKey } from '@/lib/i18n/translate';
import { WhatChanged } from './WhatChanged';
import './pack-updates.css';

export function PackNotices() {
  const store = usePanelStore();
  const packs = usePanel((s) => s.packs);
  const notices = usePanel((s) => s.packUpdates?.notices);
  // Every (re)load of the packs is the background saying "packs changed": fetch the news too.
  useEffect(() => void store.getState().loadPackUpdates(), [packs]);
  if (!notices?.length) return null;
  return (
    <div class="cc-pack-notices" aria-live="polite">
      {notices.slice(0, 3).map((n) => (
        <Notice key={n.id} notice={n} />
      ))}
    </div>
  );
}

const pad = (n: number) => String(n).padStart(2, '0');
const localDate = (at: number) => {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

const REASONS = new Set([
  'malformed',
  'bad-signature',
  'unknown-key',
  'rollback',
  'expired',
  'invalid-pack',
  'unsigned',
  'id-mismatch',
  'version-reused',
  'too-large',
  'key-not-bound',
  'outranked',
  'signed-installed',
]);

function reasonText(notice: PackNotice, tr: TFunction): string {
  return notice.code && REASONS.has(notice.code) ? tr(`packs.reason.${notice.code}` as MessageKey) : (notice.message ?? notice.code ?? '');
}

function Notice({ notice }: { notice: PackNotice }) {
  const store = usePanelStore();
  const tr = useT();
  const pt = usePackText();
  const [open, setOpen] = useState(false);
  const latest = usePanel((s) => (notice.packId ? s.latest[notice.packId] : undefined));
  const pack = usePanel((s) => (notice.packId && latest ? s.packs[packKey(notice.packId, latest)] : undefined));
  const change = usePanel((s) => (notice.packId && notice.version ? s.packUpdates?.changes[packKey(notice.packId, notice.version)] : undefined));
  const name = pack ? pt(pack.title) : (notice.packId ?? '');
  const dismiss = () => void store.getState().dismissPackNotice(notice.id);

  if (notice.kind === 'refused') {
    return (
      // The verifier's full sentence (English, for whoever fixes the file) is the tooltip.
      <div class="cc-banner cc-pack-notice" data-testid="cc-pack-refused" data-code={notice.code} role="status" title={notice.message}>
        <p>{tr('packs.refused', { reason: reasonText(notice, tr) })}</p>
        <p class="cc-pack-notice__hint">{tr('packs.refusedKeep')}</p>
        <div class="cc-banner__actions">
          <button type="button" class="cc-btn cc-btn--small" onClick={dismiss}>
            {tr('packs.dismiss')}
          </button>
        </div>
      </div>
    );
  }
  if (notice.kind === 'expired') {
    // Standing, not dismissible: it goes away when a newer release is installed.
    return (
      <div class="cc-banner cc-pack-notice" data-testid="cc-pack-expired" data-pack={notice.packId} role="status">
        <p>{tr('packs.expired', { name, version: notice.version ?? '', date: localDate(notice.at) })}</p>
      </div>
    );
  }
  const text = tr(notice.kind === 'updated' ? 'packs.updated' : 'packs.installed', { pack: name, version: notice.version ?? '' });
  return (
    <div class="cc-banner cc-banner--info cc-pack-notice" data-testid={`cc-pack-${notice.kind}`} role="status">
      <p>{text}</p>
      {open && change && <WhatChanged change={change} />}
      <div class="cc-banner__actions">
        {change && (
          <button type="button" class="cc-btn cc-btn--small" data-testid="cc-show-changes" aria-expanded={open} onClick={() => setOpen(!open)}>
            {tr(open ? 'packs.hideChanges' : 'packs.showChanges')}
          </button>
        )}
        <button type="button" class="cc-btn cc-btn--small cc-btn--ghost" onClick={dismiss}>
          {tr('packs.dismiss')}
        </button>
      </div>
    </div>
  );
}
