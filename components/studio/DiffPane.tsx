/**
 * Diff: the draft against the published release, with the very components agents see in
 * "What changed" (WhatChanged → ChangeEntry → DiffText over lib/pack/diff's word diff).
 */
import { useMemo } from 'preact/hooks';
import { WhatChanged } from '@/components/WhatChanged';
import { diffPacks } from '@/lib/pack/diff';
import { StoreContext } from '@/lib/store/use-store';
import { languageStore } from '@/lib/studio/preview-backend';
import { publishedPack } from '@/lib/studio/published';
import type { StudioPaneProps } from '@/lib/studio/contract';
import { studioT } from '@/lib/i18n/studio-t';
import '@/components/pack-updates.css';

export function DiffPane({ lastPack: draft, compiled, lang, published }: StudioPaneProps) {
  const t = studioT(lang);
  const old = useMemo(() => publishedPack(published), [published]);
  const store = useMemo(() => languageStore(lang === 'zh' ? 'zh-CN' : 'en'), [lang]);
  const change = useMemo(
    () => draft && old.pack && { packId: draft.id, version: draft.version, fromVersion: old.pack.version, diff: diffPacks(old.pack, draft), acked: {} },
    [draft, old.pack],
  );
  if (old.error)
    return (
      <p role="alert" class="studio-status--bad">
        {old.error}
      </p>
    );
  if (!old.pack) return <p class="studio-note">{t('studio.diff.none')}</p>;
  if (!change) return <p class="studio-note">{t('studio.noPack')}</p>;
  return (
    <div class="studio-diff" data-testid="studio-diff">
      <p class="studio-note">{t('studio.diff.title', { version: old.pack.version })}</p>
      {!compiled.ok && <p class="studio-note studio-status--bad">{t('studio.notCompiled')}</p>}
      <StoreContext.Provider value={store}>
        <WhatChanged change={change} />
      </StoreContext.Provider>
    </div>
  );
}
