#!/usr/bin/env node
/**
 * Bundles Studio's client (components/studio/main.tsx, its CSS and the compile worker) into
 * dist/studio/ with esbuild (a dependency of Vite, so already installed). build-info.json
 * lists every source file used, so lib/studio/assets.ts can tell when the bundle is stale.
 */
import { build } from 'esbuild';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'dist', 'studio');

const HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <link rel="icon" href="data:," />
    <title>Cuecard Studio</title>
    <link rel="stylesheet" href="studio.css" />
  </head>
  <body>
    <div id="studio"></div>
    <script type="module" src="studio.js"></script>
  </body>
</html>
`;

export async function buildStudio({ minify = true } = {}) {
  const startedAt = Date.now();
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { studio: 'components/studio/main.tsx', 'compile-worker': 'lib/studio/compile-worker.ts' },
    outdir: out,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify,
    sourcemap: false,
    metafile: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    alias: { '@': root.replace(/\/$/, '') },
    define: { 'import.meta.env.BROWSER': '"chrome"' },
    logLevel: 'warning',
  });
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('node_modules/'));
  await writeFile(join(out, 'index.html'), HTML);
  await writeFile(join(out, 'build-info.json'), JSON.stringify({ builtAt: startedAt, inputs }, null, 1));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildStudio();
