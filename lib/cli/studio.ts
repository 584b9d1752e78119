/**
 * `cuecard studio DIR`: Studio over a pack folder on this machine, on 127.0.0.1 only.
 * Saving writes the folder's Markdown files, so git and the other commands keep working.
 */
import { serve } from '@hono/node-server';
import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { ensureStudioBuilt } from '../studio/assets';
import { createStudioApp } from '../studio/server';
import { positiveInteger, type Command } from './command';
import { EXIT, UsageError, type CliContext } from './context';
import { loadPackFile } from './load-pack';

export interface RunningStudio {
  url: string;
  close(): Promise<void>;
}

export async function startStudio(opts: { folder: string; port: number; published: unknown; log?: (l: string) => void }): Promise<RunningStudio> {
  const assets = await ensureStudioBuilt(opts.log);
  const token = randomBytes(24).toString('base64url');
  const app = createStudioApp({ folder: opts.folder, token, published: opts.published, assets });
  const server = await new Promise<ReturnType<typeof serve>>((ok, fail) => {
    const s = serve({ fetch: app.fetch, port: opts.port, hostname: '127.0.0.1' }, () => ok(s));
    s.once('error', fail);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

export const studioCommand: Command = {
  name: 'studio',
  usage: 'cuecard studio DIR [--port N] [--against SIGNED.json]',
  summary: 'edit, preview and check a pack folder in the browser',
  help: `Serves Cuecard Studio for the pack folder DIR on 127.0.0.1 and prints its URL (it
carries a one-time access token: open that exact URL). Studio shows the compiler's errors
at their line as you type, a form for common edits, a live preview with the real panel,
a map of each procedure and a diff. Save (Ctrl+S) writes DIR's files.

Options:
  --port N              port to listen on (default: any free one)
  --against SIGNED.json the release agents have now, for Studio's Diff view

Stop with Ctrl+C.

Example:
  cuecard studio my-sop --against releases/v3.signed.json`,
  options: { port: { type: 'string' }, against: { type: 'string' } },
  args: ['DIR'],
  async run([dir], values, ctx: CliContext) {
    const folder = resolve(ctx.cwd, dir!);
    const info = await stat(folder).catch(() => undefined);
    if (!info?.isDirectory()) throw new UsageError(`${dir}: no such folder; make one with: cuecard pack init ${dir}`);
    const port = typeof values.port === 'string' ? positiveInteger(values.port, 'port') : 0;
    const published = typeof values.against === 'string' ? (await loadPackFile(ctx, values.against)).pack : null;
    const studio = await startStudio({ folder, port, published, log: ctx.err });
    ctx.out(`Cuecard Studio for ${dir}: ${studio.url}`);
    ctx.out('Open that URL in your browser (it holds the access token). Press Ctrl+C to stop.');
    await new Promise<void>((ok) => process.once('SIGINT', () => ok()));
    await studio.close();
    return EXIT.ok;
  },
};
