/**
 * The Publish button: check, sign in the page with the loaded key, then send the SIGNED file
 * (hub stage or the local folder) or hand it to the browser as a download. Every outcome says
 * where it belongs, so the pane shows it beside the field it concerns.
 */
import type { Pack } from '../../../lib/pack/schema';
import { signPack } from '../../../lib/pack/sign';
import type { AnchorFailure } from '../../../lib/studio/contract';
import { publishToHub, writeSigned } from '../../../lib/studio/publish/client';
import { anchorGate } from '../../../lib/studio/publish/gate';
import type { LoadedKey } from '../../../lib/studio/publish/key-file';
import { signedFileName } from '../../../lib/studio/publish/release-plan';
import { tp } from '../../../lib/i18n/studio-publish';

export type Target = 'hub' | 'folder' | 'download';
export type Where = 'key' | 'sequence' | 'reason' | 'form';
export interface ActionResult {
  ok: boolean;
  where: Where;
  message: string;
}

export interface PublishArgs {
  lang: 'en' | 'zh';
  pack: Pack;
  key: Extract<LoadedKey, { ok: true }> | undefined;
  sequence: number;
  target: Target;
  stage: string;
  audience: string[];
  at?: number;
  failures: AnchorFailure[];
  reason: string;
  csrf?: string;
}

export interface PublishDeps {
  fetch: typeof fetch;
  download(name: string, text: string): void;
  now(): number;
}

/** The hub's and server's refusal codes, by the field they concern. */
const WHERE: Record<string, Where> = {
  'unknown-key': 'key',
  'key-not-bound': 'key',
  rollback: 'sequence',
  duplicate: 'sequence',
  'anchors-fail': 'reason',
  'reason-too-short': 'reason',
  'reason-too-long': 'reason',
};

export async function runPublish(a: PublishArgs, deps: PublishDeps): Promise<ActionResult> {
  const t = (k: Parameters<typeof tp>[1], p?: Record<string, string | number>) => tp(a.lang, k, p);
  if (!a.key) return { ok: false, where: 'key', message: t('needKey') };
  if (!Number.isSafeInteger(a.sequence) || a.sequence < 1) return { ok: false, where: 'sequence', message: t('badSequence') };
  const gate = anchorGate(a.failures, a.reason);
  if (!gate.ok) return { ok: false, where: 'reason', message: gate.code === 'anchors-fail' ? t('reasonNeeded') : gate.message };
  const signed = await signPack(a.pack, a.key.key, { sequence: a.sequence, signedAt: deps.now() });
  const file = signedFileName(a.pack);
  if (a.target === 'download') {
    deps.download(file, signed);
    return { ok: true, where: 'form', message: t('downloaded', { file }) };
  }
  const common = { anchorFailures: a.failures, overrideReason: gate.reason };
  if (a.target === 'folder') {
    const r = await writeSigned({ signed, publicKey: a.key.publicKey, ...common }, a.csrf, deps.fetch);
    if (r.ok) return { ok: true, where: 'form', message: t('saved', { file: r.value.file }) };
    // A `cuecard studio` without the api/signed route (lib/studio/publish/local-signed.ts).
    return refusal(r, r.code === 'http-404' ? t('noFolderSave') : t('failed', { message: r.message }));
  }
  const r = await publishToHub({ signed, stage: a.stage, audience: a.audience, at: a.at, ...common }, a.csrf, deps.fetch);
  if (!r.ok) return refusal(r, t('hubRefused', { message: r.message }));
  return { ok: true, where: 'form', message: t('published', { sequence: r.value.release.sequence, stage: t(`stage.${a.stage}` as 'stage.draft') }) };
}

const refusal = (r: { code: string }, message: string): ActionResult => ({ ok: false, where: WHERE[r.code] ?? 'form', message });
