/**
 * Studio's built client (`dist/studio/`, made by scripts/build-studio.mjs) and the handler
 * that serves it, shared by `cuecard studio` and the hub's `/studio` mount. In a clone the
 * bundle is built on demand when missing or older than any file it was built from, so
 * `npx cuecard studio` works on a fresh checkout; an installed package ships it built.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Context } from 'hono';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Where the built files are: `index.html`, `studio.js`, `studio.css`, `compile-worker.js`. */
export function studioAssets(): string {
  return join(ROOT, 'dist', 'studio');
}

/** Missing, or a source it was built from changed since (build-info.json lists them). */
export function isStale(dir = studioAssets()): boolean {
  const info = join(dir, 'build-info.json');
  if (!existsSync(join(dir, 'index.html')) || !existsSync(info)) return true;
  const { builtAt, inputs } = JSON.parse(readFileSync(info, 'utf8')) as { builtAt: number; inputs: string[] };
  return inputs.some((file) => {
    const full = join(ROOT, file);
    return !existsSync(full) || statSync(full).mtimeMs > builtAt;
  });
}

/** Builds the bundle if this is a clone (the build script is there) and it is missing or stale. */
export async function ensureStudioBuilt(log: (line: string) => void = () => undefined): Promise<string> {
  const dir = studioAssets();
  const script = join(ROOT, 'scripts', 'build-studio.mjs');
  if (!isStale(dir)) return dir;
  if (!existsSync(script)) {
    if (existsSync(join(dir, 'index.html'))) return dir;
    throw new Error(`Studio's page is not built and cannot be: ${dir} is missing and so is ${script}`);
  }
  log('Building Studio’s page (once, ~10 s)…');
  const { buildStudio } = (await import(pathToFileURL(script).href)) as { buildStudio(): Promise<void> };
  await buildStudio();
  return dir;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Serves `rel` (a path under the assets folder; '' is index.html), or null if it is none. */
export async function studioAsset(c: Context, dir: string, rel: string): Promise<Response | null> {
  const name = rel === '' ? 'index.html' : rel;
  const full = resolve(dir, name);
  if (!full.startsWith(resolve(dir) + sep) || !TYPES[extname(full)] || name === 'build-info.json') return null;
  const body = await readFile(full).catch(() => null);
  if (!body) return null;
  c.header('Content-Type', TYPES[extname(full)]!);
  c.header('Cache-Control', 'no-cache');
  // The page runs only its own bundle and worker; pack text is never code.
  c.header('Content-Security-Policy', "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'");
  c.header('X-Content-Type-Options', 'nosniff');
  return c.body(body);
}
