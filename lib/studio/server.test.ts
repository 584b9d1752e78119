import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { teamPack } from '../distribution/fixtures';
import { generateSigningKey, signPack } from '../pack/sign';
import { createStudioApp } from './server';

const TOKEN = 'a'.repeat(32);
let folder: string;
let app: ReturnType<typeof createStudioApp>;

beforeEach(async () => {
  const root = await mkdtemp(join(tmpdir(), 'studio-'));
  folder = join(root, 'my-sop');
  await mkdir(folder);
  await writeFile(join(folder, 'pack.yaml'), 'id: a.b\n');
  await writeFile(join(folder, '01-x.md'), '---\n');
  await writeFile(join(root, 'secret.md'), 'outside');
  const assets = join(root, 'assets');
  await mkdir(assets);
  await writeFile(join(assets, 'index.html'), '<!doctype html><title>Studio</title>');
  app = createStudioApp({ folder, token: TOKEN, published: { id: 'a.b', version: 3 }, assets });
});

const HOST = '127.0.0.1:4000';
const ORIGIN = `http://${HOST}`;
const req = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
  app.request(`http://${HOST}${path}`, { ...init, headers: { host: HOST, cookie: `cuecard_studio=${TOKEN}`, ...init.headers } });
const put = (body: unknown, headers: Record<string, string> = { origin: ORIGIN }) =>
  req('/api/file', { method: 'PUT', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

describe('cuecard studio: the local server', () => {
  it('serves the folder and the published release to the token holder', async () => {
    const pack = await (await req('/api/pack')).json();
    expect(pack.files).toEqual({ 'pack.yaml': 'id: a.b\n', '01-x.md': '---\n' });
    expect(await (await req('/api/session')).json()).toEqual({ mode: 'local', folder: 'my-sop', scope: expect.stringMatching(/^[\w-]{16}$/) });
    expect(await (await req('/api/published')).json()).toEqual({ release: { id: 'a.b', version: 3 } });
    expect(await (await req('/')).text()).toContain('<title>Studio</title>');
  });

  it('trades the printed URL token for a SameSite=Strict cookie', async () => {
    const res = await app.request(`http://${HOST}/?token=${TOKEN}`, { headers: { host: HOST } });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/');
    expect(res.headers.get('set-cookie')).toMatch(/cuecard_studio=a+;.*HttpOnly.*SameSite=Strict/i);
  });

  it('refuses requests without the token, or with a wrong one', async () => {
    expect((await app.request(`http://${HOST}/api/pack`, { headers: { host: HOST } })).status).toBe(401);
    expect((await req('/api/pack', { headers: { cookie: 'cuecard_studio=wrong' } })).status).toBe(401);
    expect((await app.request(`http://${HOST}/?token=wrong`, { headers: { host: HOST } })).status).toBe(401);
  });

  it('refuses another Host name (DNS rebinding), even with the token', async () => {
    const res = await req('/api/pack', { headers: { host: 'evil.example:4000' } });
    expect(res.status).toBe(403);
  });

  it('writes a file for a same-origin request', async () => {
    const res = await put({ path: '01-x.md', text: '---\nid: x\n' });
    expect(res.status).toBe(200);
    expect(await readFile(join(folder, '01-x.md'), 'utf8')).toBe('---\nid: x\n');
  });

  it('refuses a cross-origin or origin-less write, and writes nothing', async () => {
    expect((await put({ path: '01-x.md', text: 'forged' }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await put({ path: '01-x.md', text: 'forged' }, {})).status).toBe(403);
    expect(await readFile(join(folder, '01-x.md'), 'utf8')).toBe('---\n');
  });

  it('refuses path traversal and other file names, naming the problem', async () => {
    for (const path of ['../secret.md', '/etc/passwd.md', 'snapshots/../../secret.md', 'run.sh', '.git/config.md']) {
      const res = await put({ path, text: 'x' });
      expect(res.status, path).toBe(400);
      expect((await res.json()).error).toMatch(/^path: /);
    }
    expect(await readFile(join(folder, '..', 'secret.md'), 'utf8')).toBe('outside');
  });

  it('refuses an oversized body before reading it all', async () => {
    const res = await put({ path: '01-x.md', text: 'x'.repeat(9 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect((await res.json()).error).toMatch(/^text: /);
  });

  it('refuses a body that is not a file write', async () => {
    const res = await put({ path: '01-x.md' });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/^text: /);
    const junk = await req('/api/file', { method: 'PUT', body: 'not json', headers: { origin: ORIGIN } });
    expect(junk.status).toBe(400);
  });

  it('saves a signed release to the folder (POST api/signed), for a same-origin request only', async () => {
    const key = await generateSigningKey();
    const signed = await signPack(teamPack(2), key.privateKey, { sequence: 5 });
    const post = (body: unknown, headers: Record<string, string> = { origin: ORIGIN }) =>
      req('/api/signed', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
    const file = `${teamPack(2).id}-2.signed.json`;
    expect((await post({ signed, anchorFailures: [], publicKey: key.publicKey }, { origin: 'http://evil.example' })).status).toBe(403);
    await expect(readFile(join(folder, file), 'utf8')).rejects.toThrow();
    const other = await generateSigningKey(); // not the signer: the signature does not verify
    const bad = await post({ signed, anchorFailures: [], publicKey: other.publicKey });
    expect(bad.status).toBe(422);
    expect((await bad.json()).message).toBeTruthy();
    expect((await post({ signed, anchorFailures: 'none' })).status).toBe(400);
    const res = await post({ signed, anchorFailures: [], publicKey: key.publicKey });
    expect(await res.json()).toEqual({ file });
    expect(await readFile(join(folder, file), 'utf8')).toBe(signed);
  });
});
