/**
 * Studio's Publish pane (issue 12): sign the compiled pack in this page with the team's key
 * (never uploaded) and publish it to a hub stage, or save / download the signed file for a
 * static host. Failing anchor tests block publishing unless the lead types a reason.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { tp } from '../../../lib/i18n/studio-publish';
import { checkPackAnchors } from '../../../lib/pick/check-pack';
import type { AnchorFailure, StudioPaneProps } from '../../../lib/studio/contract';
import { loadHubKeyIds, loadPublished } from '../../../lib/studio/publish/client';
import type { LoadedKey } from '../../../lib/studio/publish/key-file';
import { planRelease, type PublishedInfo } from '../../../lib/studio/publish/release-plan';
import { AnchorOverride } from './AnchorOverride';
import { KeyField } from './KeyField';
import { runPublish, type ActionResult, type PublishDeps, type Target } from './publish-action';
import { StageFields, type StageChoice } from './StageFields';

export const browserDeps: PublishDeps = {
  fetch: (...args) => fetch(...args),
  now: () => Date.now(),
  download(name, text) {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  },
};

export function PublishView(props: StudioPaneProps & { anchorFailures: AnchorFailure[]; deps?: PublishDeps }) {
  const { lang, session, compiled } = props;
  const deps = props.deps ?? browserDeps;
  const hub = session.mode === 'hub';
  const [key, setKey] = useState<Extract<LoadedKey, { ok: true }>>();
  const [published, setPublished] = useState<PublishedInfo>();
  const [trusted, setTrusted] = useState<string[]>();
  const [sequence, setSequence] = useState('');
  const [choice, setChoice] = useState<StageChoice>({ stage: session.stages?.[0] ?? 'draft', audience: '', at: '' });
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<ActionResult>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void loadPublished(deps.fetch).then((r) => r.ok && setPublished(r.value));
    if (hub) void loadHubKeyIds(deps.fetch).then((r) => r.ok && setTrusted(r.value));
  }, [hub]);

  const plan = compiled.ok ? planRelease(compiled.pack, published) : undefined;
  // Follow the proposal until the lead types a number of their own.
  const seq = sequence || String(plan?.sequence ?? '');
  const errorAt = (where: ActionResult['where']) => (result && !result.ok && result.where === where ? result.message : undefined);

  const go = async (target: Target) => {
    if (!compiled.ok || busy) return;
    setBusy(true);
    setResult(undefined);
    const at = choice.at ? Date.parse(`${choice.at}Z`) : undefined;
    const audience = choice.audience
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const args = {
      lang,
      pack: compiled.pack,
      key,
      sequence: Number(seq),
      target,
      ...choice,
      audience,
      at,
      failures: props.anchorFailures,
      reason,
      csrf: session.csrf,
    };
    setResult(await runPublish(args, deps).catch((e: Error) => ({ ok: false, where: 'form' as const, message: tp(lang, 'failed', { message: e.message }) })));
    setBusy(false);
  };

  if (!compiled.ok)
    return (
      <section class="studio-publish" aria-label={tp(lang, 'title')}>
        <p class="error" role="alert">
          {tp(lang, 'packInvalid', { count: compiled.errors.length })}
        </p>
      </section>
    );
  return (
    <section class="studio-publish" aria-label={tp(lang, 'title')} aria-busy={busy}>
      <KeyField lang={lang} trusted={trusted} error={errorAt('key')} onKey={setKey} />
      <div class="field" data-field="sequence">
        <label for="cc-publish-sequence">{tp(lang, 'sequenceLabel')}</label>
        <input id="cc-publish-sequence" type="number" min={1} step={1} value={seq} onInput={(e) => setSequence(e.currentTarget.value)} />
        {published?.sequence ? <p class="hint">{tp(lang, 'sequenceHint', { sequence: published.sequence })}</p> : null}
        {plan?.versionHint ? <p class="warning">{tp(lang, 'versionHint', { current: plan.versionHint.current })}</p> : null}
        {errorAt('sequence') ? (
          <p class="error" role="alert">
            {errorAt('sequence')}
          </p>
        ) : null}
      </div>
      {hub ? <StageFields lang={lang} stages={session.stages ?? ['draft']} value={choice} onChange={setChoice} /> : null}
      <AnchorOverride lang={lang} failures={props.anchorFailures} reason={reason} error={errorAt('reason')} onReason={setReason} />
      <div class="actions">
        {hub ? (
          <button type="button" disabled={busy} onClick={() => void go('hub')}>
            {busy ? tp(lang, 'working') : tp(lang, 'publish')}
          </button>
        ) : (
          <>
            <button type="button" disabled={busy} onClick={() => void go('folder')}>
              {tp(lang, 'saveToFolder')}
            </button>
            <button type="button" disabled={busy} onClick={() => void go('download')}>
              {tp(lang, 'download')}
            </button>
          </>
        )}
      </div>
      {hub ? null : <p class="hint">{tp(lang, 'folderHelp')}</p>}
      {result && (result.ok || result.where === 'form') ? (
        <p class={result.ok ? 'done' : 'error'} role={result.ok ? 'status' : 'alert'} data-result={result.ok ? 'ok' : 'refused'}>
          {result.message}
        </p>
      ) : null}
    </section>
  );
}

/** The pane Studio registers: the anchor tests run on the files as they are now, unsaved drafts included. */
export function PublishPane(props: StudioPaneProps) {
  const anchorFailures = useMemo(() => checkPackAnchors(props.files), [props.files]);
  return <PublishView {...props} anchorFailures={anchorFailures} />;
}
