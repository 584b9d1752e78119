/**
 * `cuecard studio <folder>`'s server: the Studio page and the contract's `api/…` over one
 * pack folder on disk. Every request passes the guards (token, Host, same-origin writes);
 * every body is parsed with the contract's schemas before it touches the disk.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import * as v from 'valibot';
import { PackReply, PublishedReply, PutFile, type Session } from './contract';
import { readStudioFolder, writeStudioFile } from './folder-io';
import { studioGuards } from './guards';
import { studioAsset } from './assets';
import { writeSignedRelease } from './publish/local-signed';
import { MAX_SIGNED_PACK_CHARS } from '../pack/sign';

export interface StudioServerOptions {
  folder: string;
  token: string;
  /** The release given with --against (parsed JSON), or null. */
  published: unknown;
  assets: string;
}

export function createStudioApp(opts: StudioServerOptions): Hono {
  const app = new Hono();
  app.use('*', studioGuards(opts.token));
  const scope = createHash('sha256').update(resolve(opts.folder)).digest('base64url').slice(0, 16);
  app.get('/api/session', (c) => c.json({ mode: 'local', folder: basename(opts.folder), scope } satisfies Session));
  app.get('/api/pack', async (c) => c.json({ files: await readStudioFolder(opts.folder) } satisfies v.InferOutput<typeof PackReply>));
  app.get('/api/published', (c) => c.json({ release: opts.published } satisfies v.InferOutput<typeof PublishedReply>));
  // 2,000,000 characters (the contract's limit) are at most 8 MB of UTF-8; refuse more unread.
  const limit = bodyLimit({
    maxSize: 8 * 1024 * 1024,
    onError: (c) => c.json({ error: 'text: the file is larger than Studio accepts (2,000,000 characters)' }, 413),
  });
  app.put('/api/file', limit, async (c) => {
    const body: unknown = await c.req.json().catch(() => undefined);
    const parsed = v.safeParse(PutFile, body);
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const where = issue.path?.map((p) => p.key).join('.') ?? 'body';
      return c.json({ error: `${where}: ${issue.message}` }, 400);
    }
    try {
      await writeStudioFile(opts.folder, parsed.output.path, parsed.output.text);
    } catch (e) {
      return c.json({ error: (e as Error).message }, 400);
    }
    return c.json({ saved: parsed.output.path });
  });
  // A signed release verified against its signer's key, written beside the pack for a static
  // host. Its JSON body may escape every character of the file, hence the doubled limit.
  const signedLimit = bodyLimit({
    maxSize: 2 * MAX_SIGNED_PACK_CHARS + 1024 * 1024,
    onError: (c) => c.json({ error: 'too-large', message: 'The signed release is larger than Studio accepts.' }, 413),
  });
  app.post('/api/signed', signedLimit, async (c) => {
    const body: unknown = await c.req.json().catch(() => undefined);
    const r = await writeSignedRelease(opts.folder, body);
    return c.json(r.body, r.status);
  });
  app.all('/api/*', (c) => c.json({ error: `no such Studio API: ${c.req.method} ${c.req.path}` }, 404));
  app.get('/*', async (c) => (await studioAsset(c, opts.assets, c.req.path.slice(1))) ?? c.text('Not found', 404));
  return app;
}
