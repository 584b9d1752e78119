/**
 * `cuecard pack preview DIR`: compile the folder, serve it beside the demo CRM, and open
 * Chromium with the demo extension subscribed to it, exactly as an agent would be (signed
 * with a throwaway key that only this preview trusts). No display: print the URLs and the
 * steps to do the same by hand. Builds nothing: it uses .output/demo from `npm run build:demo`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Pack } from '../pack/schema';
import { generateSigningKey, signPack } from '../pack/sign';
import { startDemoServer } from './demo-server.mjs';
import { EXIT, UsageError, type CliContext } from './context';
import { compileFolder } from './pack-validate';
import type { PreviewBrowser } from './preview-browser';

export const PACK_PATH = '/cuecard-preview/pack.signed.json';

export interface PreviewSession {
  crmUrl: string;
  packUrl: string;
  publicKey: string;
  /** The pack as served (its version may be raised past the bundled default's: see servedPack). */
  pack: Pack;
  browser?: PreviewBrowser;
}

export interface PreviewDeps {
  hasDisplay: boolean;
  chromiumPath?: string;
  /** Drive the browser without a window (the e2e test of this command). */
  headless?: boolean;
  port?: number;
  /** Resolves when the preview should end: Ctrl+C, or the browser window closed. */
  untilStopped(session: PreviewSession): Promise<void>;
}

export function nodePreviewDeps(): PreviewDeps {
  return {
    hasDisplay: process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY),
    chromiumPath: [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/google-chrome', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p)),
    port: Number(process.env.PORT ?? 0) || 0,
    untilStopped: (session) =>
      new Promise((resolve) => {
        process.once('SIGINT', () => resolve());
        session.browser?.context.once('close', () => resolve());
      }),
  };
}

/**
 * The bundled default pack is installed in every profile: a folder made with `pack init`
 * has its id and version, and the extension would rightly refuse it as a rollback or a
 * rewrite of a version in use. The preview copy gets the next version instead.
 */
export function servedPack(pack: Pack, bundled: { id: string; version: number } | undefined): { pack: Pack; note?: string } {
  if (!bundled || bundled.id !== pack.id || pack.version > bundled.version) return { pack };
  const version = bundled.version + 1;
  return {
    pack: { ...pack, version },
    note: `pack ${pack.id} is also the bundled default (version ${bundled.version}); the preview serves it as version ${version}`,
  };
}

export async function preview(dir: string, ctx: CliContext, deps: PreviewDeps = nodePreviewDeps()): Promise<number> {
  const compiled = await compileFolder(dir, ctx);
  const extension = join(ctx.root, '.output/demo/chrome-mv3');
  if (!existsSync(join(extension, 'manifest.json'))) {
    throw new UsageError(`no demo build of the extension in ${extension}; run "npm run build:demo" first (preview builds nothing)`);
  }
  const bundledFile = join(extension, 'packs/default.json');
  const bundled = existsSync(bundledFile) ? (JSON.parse(readFileSync(bundledFile, 'utf8')) as Pack) : undefined;
  const { pack, note } = servedPack(compiled, bundled);
  if (note) ctx.err(`note: ${note}`);
  const key = await generateSigningKey();
  const signed = await signPack(pack, key.privateKey, { sequence: 1 });
  const route = (req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.split('?')[0] !== PACK_PATH) return false;
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(signed);
    return true;
  };
  const server = await startDemoServer({ port: deps.port ?? 0, host: '127.0.0.1', extraRoutes: route });
  const session: PreviewSession = { crmUrl: `${server.url}/index.html`, packUrl: `${server.url}${PACK_PATH}`, publicKey: key.publicKey, pack };
  try {
    const procs = pack.procedures.map((p) => p.id).join(', ');
    ctx.out(`Previewing pack ${pack.id} version ${pack.version} (${procs})`);
    ctx.out(`  demo CRM:  ${session.crmUrl}\n  pack:      ${session.packUrl}\n  key:       ${session.publicKey}  (throwaway, this preview only)`);
    const canOpen = (deps.hasDisplay || deps.headless) && deps.chromiumPath;
    if (canOpen) {
      const { openPreviewBrowser } = await import('./preview-browser');
      session.browser = await openPreviewBrowser({ chromiumPath: deps.chromiumPath!, extensionPath: extension, headless: deps.headless ?? false, session });
      ctx.out('Chromium is open with Cuecard subscribed to the pack. Close it or press Ctrl+C to stop.');
    } else {
      ctx.out(manualSteps(session, extension, deps.chromiumPath ? 'No display here, so no browser window can open.' : 'No Chromium found.'));
    }
    await deps.untilStopped(session);
    return EXIT.ok;
  } finally {
    await session.browser?.close();
    await server.close();
  }
}

function manualSteps(s: PreviewSession, extension: string, why: string): string {
  return `
${why} To preview by hand:
  1. Open chrome://extensions, turn on Developer mode, "Load unpacked" and pick: ${extension}
  2. In Cuecard's options, under "Trusted signing keys", paste the key above, enter the pack id
     ${s.pack.id} as the pack id it may sign, and click "Add key".
  3. Under "SOP pack subscriptions", paste the pack URL above and click "Subscribe".
  4. Open the demo CRM: ${s.crmUrl}
After editing the folder, run this command again (the throwaway key changes each time).
The server keeps running; press Ctrl+C to stop.`;
}
