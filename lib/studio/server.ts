/**
 * `cuecard studio <folder>`'s server: the Studio page and the contract's `api/…` over one
 * pack folder on disk. Every request passes the guards (token, Host, same-origin writes);
 * every body is parsed with the contract's schemas before it touches the disk.
 */
import { Hono } from 'hono';
import { basename } from 'node:path';
import * as v from 'valibot';
import { PackReply, PublishedReply, PutFile, type Session } from './contract';
import { readStudioFolder, writeStudioFile } from './folder-io';
import { studioGuards } from './guards';
import { studioAsset } from './assets';

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
  app.get('/api/session', (c) => c.json({ mode: 'local', folder: basename(opts.folder) } satisfies Session));
  app.get('/api/pack', async (c) => c.json({ files: await readStudioFolder(opts.folder) } satisfies v.InferOutput<typeof PackReply>));
  app.get('/api/published', (c) => c.json({ release: opts.published } satisfies v.InferOutput<typeof PublishedReply>));
  app.put('/api/file', async (c) => {
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
  app.all('/api/*', (c) => c.json({ error: `no such Studio API: ${c.req.method} ${c.req.path}` }, 404));
  app.get('/*', async (c) => (await studioAsset(c, opts.assets, c.req.path.slice(1))) ?? c.text('Not found', 404));
  return app;
}
