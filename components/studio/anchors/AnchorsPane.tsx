/**
 * Anchors (issue 12): the pack's anchors, "Pick on CRM" for each (written into context.yaml),
 * masked snapshots of the lead's CRM page saved into the pack, and the anchor tests that
 * `cuecard pack test` runs — the same checker, in the browser's own DOM.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { anchorsT } from '@/lib/i18n/studio-anchors';
import { testPackAnchors, type AnchorTestReport } from '@/lib/pick/check-pack';
import { packAnchors, type PackAnchor } from '@/lib/pick/pack-anchors';
import { listAnchors } from '@/lib/pick/snapshot-anchors';
import type { StudioPaneProps } from '@/lib/studio/contract';
import { bridgeHere, pickOnCrm, snapshotCrm } from '@/lib/studio/anchors/bridge-client';
import { setLocator } from '@/lib/studio/anchors/set-locator';
import { AnchorRow } from './AnchorRow';

const CONTEXT = 'context.yaml';
type Status = { text: string; error?: boolean } | null;

export function AnchorsPane({ files, compiled, setFile, lang }: StudioPaneProps) {
  const t = anchorsT(lang);
  const anchors = useMemo(() => (compiled.ok ? packAnchors(compiled.pack) : []), [compiled]);
  const [bridge, setBridge] = useState<boolean | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const [report, setReport] = useState<AnchorTestReport | null>(null);
  const [name, setName] = useState('page');
  useEffect(() => void bridgeHere(window).then(setBridge), []);

  const fail = (reason: string) => setStatus({ text: reason in FAILS ? t(FAILS[reason]!) : reason, error: true });

  const pick = async (a: PackAnchor) => {
    if (!a.target) return;
    setStatus({ text: t('anchors.picking') });
    const r = await pickOnCrm(window, a.kind);
    if (!r || !r.ok || !('loc' in r)) return fail(r && !r.ok ? r.reason : 'empty');
    const text = setLocator(files[CONTEXT] ?? '', a.target, r.loc);
    if (text instanceof Error) return setStatus({ text: text.message, error: true });
    setFile(CONTEXT, text);
    const locator = r.loc.labelText ? `labelText “${r.loc.labelText}”` : `selector ${r.loc.selector}`;
    setStatus({ text: t('anchors.picked', { anchor: a.name, locator: r.loc.frame ? `${locator} (frame ${r.loc.frame})` : locator, matches: r.matches }) });
  };

  const snapshot = async () => {
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,60}$/.test(name)) return setStatus({ text: t('anchors.badName'), error: true });
    setStatus({ text: t('anchors.snapshotting') });
    const r = await snapshotCrm(window);
    if (!r || !r.ok || !('text' in r)) return fail(r && !r.ok ? r.reason : 'empty');
    const file = `snapshots/${name}.json`;
    // The snapshot lists the anchors it tests: those found on this page, plus those listed before.
    const text = compiled.ok ? listAnchors(r.text, files[file], compiled.pack) : undefined;
    setFile(file, text ?? r.text);
    const listed = text ? (JSON.parse(text) as { anchors: string[] }).anchors.length : 0;
    setStatus({ text: `${t('anchors.saved', { file, page: r.page })} ${t('anchors.listed', { count: listed })}` });
  };

  const count = Object.keys(files).filter((f) => f.startsWith('snapshots/')).length;
  const run = () => {
    setReport(count ? testPackAnchors(files) : null);
    setStatus(count ? null : { text: t('anchors.noSnapshots'), error: true });
  };

  return (
    <div class="studio-anchors" data-testid="studio-anchors">
      <p class="studio-note">{t('anchors.intro')}</p>
      {bridge === false && (
        <p class="studio-note" role="alert" data-testid="studio-anchors-nobridge">
          {t('anchors.noBridge', { origin: location.origin })}
        </p>
      )}
      {!anchors.length && <p class="studio-note">{t('anchors.none')}</p>}
      <ul class="studio-anchor-list">
        {anchors.map((a) => (
          <AnchorRow key={a.name} anchor={a} canPick={bridge === true && !!a.target} onPick={() => void pick(a)} t={t} />
        ))}
      </ul>
      <div class="studio-anchor-actions">
        <label>
          {t('anchors.snapshotName')} <input data-testid="studio-snapshot-name" value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
        </label>{' '}
        <button type="button" data-testid="studio-snapshot" disabled={bridge !== true} onClick={() => void snapshot()}>
          {t('anchors.snapshot')}
        </button>{' '}
        <button type="button" data-testid="studio-anchors-run" onClick={run}>
          {t('anchors.run')}
        </button>
      </div>
      {status && (
        <p class="studio-note" role={status.error ? 'alert' : 'status'} data-testid="studio-anchors-status">
          {status.text}
        </p>
      )}
      {report && count > 0 && (
        <div role="status" data-testid="studio-anchors-result">
          <p>{report.failures.length ? t('anchors.failed', { count: report.failures.length }) : t('anchors.pass', { count })}</p>
          <ul>
            {report.failures.map((f) => (
              <li key={`${f.anchor}|${f.snapshot}|${f.message}`}>{f.message}</li>
            ))}
          </ul>
          {report.untested.length > 0 && (
            <p class="studio-note" data-testid="studio-anchors-untested">
              {t('anchors.untested', { count: report.untested.length, names: report.untested.join(', ') })}
            </p>
          )}
          {report.unknown.map((u) => (
            <p class="studio-note" key={`${u.snapshot}|${u.anchor}`}>
              {t('anchors.unknown', { snapshot: u.snapshot, anchor: u.anchor })}
            </p>
          ))}
        </div>
      )}
    </div>
  );
}

const FAILS: Record<string, Parameters<ReturnType<typeof anchorsT>>[0]> = {
  'no-crm-tab': 'anchors.fail.no-crm-tab',
  cancelled: 'anchors.fail.cancelled',
  'no-anchor': 'anchors.fail.no-anchor',
  busy: 'anchors.fail.busy',
  empty: 'anchors.fail.empty',
};
