// @vitest-environment happy-dom
/**
 * The Publish pane against a fake backend: the key is read in the page and only the signed
 * release is sent; errors appear beside the field they concern.
 */
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { teamPack } from '../../../lib/distribution/fixtures';
import { generateSigningKey, readSignedEnvelope } from '../../../lib/pack/sign';
import type { AnchorFailure, Session, StudioPaneProps } from '../../../lib/studio/contract';
import type { PublishDeps } from './publish-action';
import { PublishView } from './PublishPane';

const hubSession: Session = { mode: 'hub', csrf: 'csrf-token', stages: ['draft', 'pilot', 'everyone'] };
const failure: AnchorFailure = { anchor: 'account-number', snapshot: 'account.json', matched: 0, message: 'matches nothing' };
let container: HTMLElement;
afterEach(() => {
  render(null, container);
  container.remove();
});

type Reply = { status: number; body: unknown };
function fakeBackend(replies: Record<string, Reply>) {
  const sent: { path: string; init?: RequestInit }[] = [];
  const downloads: { name: string; text: string }[] = [];
  const deps: PublishDeps = {
    fetch: (async (path: string, init?: RequestInit) => {
      sent.push({ path, init });
      const r = replies[`${init?.method ?? 'GET'} ${path}`] ?? { status: 404, body: { error: 'not-found', message: 'no' } };
      return new Response(JSON.stringify(r.body), { status: r.status, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch,
    download: (name, text) => void downloads.push({ name, text }),
    now: () => Date.parse('2026-12-05T07:00:00Z'),
  };
  return { deps, sent, downloads };
}

const settle = () => act(() => new Promise((r) => setTimeout(r, 20)));
const $ = (sel: string) => container.querySelector(sel) as HTMLElement;
const text = () => container.textContent ?? '';

async function mount(session: Session, anchorFailures: AnchorFailure[], deps: PublishDeps, compiled?: StudioPaneProps['compiled']) {
  container = document.createElement('div');
  document.body.append(container);
  const props: StudioPaneProps = { session, files: {}, compiled: compiled ?? { ok: true, pack: teamPack(2), warnings: [] }, setFile: () => {}, lang: 'en' };
  await act(() => render(h(PublishView, { ...props, anchorFailures, deps }), container));
  await settle();
}

async function until(done: () => boolean) {
  for (let waited = 0; !done() && waited < 10_000; waited += 20) await settle();
}

async function chooseKey(content: string) {
  const input = $('#cc-publish-key') as HTMLInputElement;
  const before = $('#cc-publish-key-status').textContent;
  Object.defineProperty(input, 'files', { value: [new File([content], 'team.key')], configurable: true });
  await act(() => void input.dispatchEvent(new Event('change')));
  await until(() => $('#cc-publish-key-status').textContent !== before);
}

/** Clicks, then waits (generously: the machine is shared) for the pane to finish the action. */
async function click(label: string) {
  const button = [...container.querySelectorAll('button')].find((b) => b.textContent === label)!;
  await act(() => void button.click());
  await until(() => $('section').getAttribute('aria-busy') !== 'true');
}

describe('Publish pane, hub mode', () => {
  it('proposes the next sequence, signs in the page and sends only the signed release', async () => {
    const key = await generateSigningKey();
    const hub = fakeBackend({
      'GET api/published': { status: 200, body: { release: { sequence: 4, version: 1, keyId: key.keyId } } },
      'GET api/keys': { status: 200, body: { keyIds: [key.keyId] } },
      'POST api/publish': { status: 201, body: { release: { id: 1, sequence: 5, stage: 'everyone' } } },
    });
    await mount(hubSession, [], hub.deps);
    expect(($('#cc-publish-sequence') as HTMLInputElement).value).toBe('5');
    await chooseKey(`${key.privateKey}\n`);
    expect(text()).toContain(`Key ID ${key.keyId}`);
    await act(() => void ($('input[value="everyone"]') as HTMLInputElement).click());
    await click('Sign and publish');
    expect(text()).toContain('Published release 5 (Everyone).');
    const post = hub.sent.find((s) => s.init?.method === 'POST')!;
    const body = JSON.parse(post.init!.body as string);
    expect([body.stage, (post.init!.headers as Record<string, string>)['x-csrf-token']]).toEqual(['everyone', 'csrf-token']);
    const env = readSignedEnvelope(body.release);
    expect(env.ok && [env.keyId, env.payload?.sequence]).toEqual([key.keyId, 5]);
    for (const s of hub.sent) expect(JSON.stringify(s)).not.toContain(key.privateKey);
  });

  it('says so beside the key when the hub does not trust it, or when it is the public key', async () => {
    const key = await generateSigningKey();
    const hub = fakeBackend({ 'GET api/keys': { status: 200, body: { keyIds: ['0123456789abcdef'] } } });
    await mount(hubSession, [], hub.deps);
    await chooseKey(key.privateKey);
    expect($('#cc-publish-key-status').textContent).toContain(`does not accept releases signed with key ${key.keyId}`);
    await chooseKey(key.publicKey);
    expect($('#cc-publish-key-status').textContent).toContain('This is a public key');
  });

  it('refuses failing anchor tests without a reason, and shows a hub refusal at its field', async () => {
    const key = await generateSigningKey();
    const hub = fakeBackend({
      'POST api/publish': { status: 422, body: { error: 'rollback', message: 'release 3 from that key is already installed' } },
    });
    await mount(hubSession, [failure], hub.deps);
    expect($('[data-anchor="account-number"]').textContent).toContain('account.json');
    await chooseKey(key.privateKey);
    await click('Sign and publish');
    expect($('#cc-publish-reason-error').textContent).toContain('Give a reason');
    expect(hub.sent.some((s) => s.path === 'api/publish')).toBe(false);
    const reason = $('#cc-publish-reason') as HTMLTextAreaElement;
    reason.value = 'CRM renames the field on Monday';
    await act(() => void reason.dispatchEvent(new Event('input')));
    await click('Sign and publish');
    const body = JSON.parse(hub.sent.find((s) => s.path === 'api/publish')!.init!.body as string);
    expect([body.overrideReason, body.anchorFailures]).toEqual(['CRM renames the field on Monday', [failure]]);
    expect($('[data-field="sequence"] [role="alert"]').textContent).toContain('The hub refused the release: release 3 from that key is already installed');
  });

  it('does not offer to sign an invalid pack', async () => {
    await mount(hubSession, [], fakeBackend({}).deps, { ok: false, errors: [{ file: '10-a.md', line: 3, message: 'x' }], warnings: [] });
    expect(text()).toContain('The pack has 1 error(s)');
    expect(container.querySelector('button')).toBeNull();
  });
});

describe('Publish pane, local mode', () => {
  it('saves to the folder through api/signed, or downloads the signed file', async () => {
    const key = await generateSigningKey();
    const local = fakeBackend({ 'POST api/signed': { status: 200, body: { file: 'acme.team-b-2.signed.json' } } });
    await mount({ mode: 'local', folder: 'sop' }, [], local.deps);
    expect(($('#cc-publish-sequence') as HTMLInputElement).value).toBe('2');
    expect(text()).toContain('Saving writes <pack id>-<version>.signed.json into the pack folder');
    await chooseKey(key.privateKey);
    await click('Sign and save to the folder');
    expect(text()).toContain('Saved acme.team-b-2.signed.json in the pack folder.');
    expect(JSON.parse(local.sent.find((s) => s.path === 'api/signed')!.init!.body as string).publicKey).toBe(key.publicKey);
    await click('Sign and download');
    expect(local.downloads.map((d) => d.name)).toEqual([`${teamPack(2).id}-2.signed.json`]);
    expect(readSignedEnvelope(local.downloads[0]!.text).ok).toBe(true);
  });

  it('says to download when the local server cannot save signed files', async () => {
    const key = await generateSigningKey();
    const local = fakeBackend({ 'POST api/signed': { status: 404, body: { error: 'no such Studio API: POST /api/signed' } } });
    await mount({ mode: 'local', folder: 'sop' }, [], local.deps);
    await chooseKey(key.privateKey);
    await click('Sign and save to the folder');
    expect($('[data-result]').textContent).toContain('Use "Sign and download"');
  });
});
