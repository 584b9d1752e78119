#!/usr/bin/env node
// Builds what `npm pack` ships for a team lead's machine, which has no clone and no
// devDependencies: the CLI (lib/cli with the hub and Studio's backends) bundled by esbuild into
// dist/cuecard.mjs, plus the files the code reads at run time, copied to the same paths under
// dist/ as in the repository. Each module's `import.meta.url` is rewritten to the URL its
// source file would have under dist/, so `new URL('./migrations/', import.meta.url)` and the
// like find their files unchanged. Packages stay external: npm installs the dependencies.
//   node scripts/build-package.mjs        (run by `npm pack` through "prepack")
import { build } from 'esbuild';
import { buildStudio } from './build-studio.mjs';
import { cp, mkdir, readFile, rm } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = `${root}dist/`;

/** Run-time files, by their path in the repository. Keep in step with what the code reads. */
export const RUNTIME_FILES = ['lib/hub/migrations', 'components/hub/assets', 'public/packs/default.json'];

const manifest = JSON.parse(await readFile(`${root}package.json`, 'utf8'));
/** `cuecard pack preview` drives a browser through these; it needs a clone (the built extension) anyway. */
const CLONE_ONLY = ['playwright-core', 'puppeteer-core'];
const EXTERNAL = new Set([...Object.keys(manifest.dependencies), ...CLONE_ONLY]);
const packageName = (spec) =>
  spec
    .split('/')
    .slice(0, spec.startsWith('@') ? 2 : 1)
    .join('/');

const moduleUrls = {
  name: 'module-urls',
  setup(b) {
    // Production dependencies stay imports (npm installs them); build-time ones (yaml, …) are
    // bundled. `@/…` is the tsconfig alias for this repository.
    b.onResolve({ filter: /^[^./#]/ }, (args) => (EXTERNAL.has(packageName(args.path)) ? { path: args.path, external: true } : undefined));
    b.onLoad({ filter: /\.(ts|tsx|mjs)$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const rel = relative(root, args.path).split(sep).join('/');
      const loader = args.path.endsWith('.tsx') ? 'tsx' : args.path.endsWith('.mjs') ? 'js' : 'ts';
      return { contents: text.replaceAll('import.meta.url', `__cuecardUrl(${JSON.stringify(rel)})`), loader };
    });
  },
};

export async function buildPackage() {
  // Only what this script makes: dist/studio/ (the Studio client's build) is not ours.
  for (const path of ['cuecard.mjs', 'dist', ...RUNTIME_FILES]) await rm(`${dist}${path}`, { recursive: true, force: true });
  await mkdir(dist, { recursive: true });
  await build({
    stdin: {
      contents: "export { main } from './lib/cli/main.ts';\nexport { nodeContext } from './lib/cli/context.ts';\n",
      resolveDir: root,
      loader: 'ts',
      sourcefile: 'cuecard-entry.ts',
    },
    outfile: `${dist}cuecard.mjs`,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    tsconfig: `${root}tsconfig.json`,
    banner: {
      js: [
        // Bundled CommonJS (yaml) calls require() for Node built-ins; ESM output has none.
        "import { createRequire as __cuecardRequire } from 'node:module';",
        'const require = __cuecardRequire(import.meta.url);',
        "const __cuecardUrl = (p) => new URL(p, new URL('./', import.meta.url)).href;",
      ].join('\n'),
    },
    plugins: [moduleUrls],
    logLevel: 'warning',
  });
  for (const path of RUNTIME_FILES) await cp(`${root}${path}`, `${dist}${path}`, { recursive: true });
  // Studio's client, built fresh; lib/studio/assets.ts finds it at <repository>/dist/studio,
  // which under dist/ is dist/dist/studio.
  await buildStudio();
  await rm(`${dist}dist`, { recursive: true, force: true });
  await cp(`${dist}studio`, `${dist}dist/studio`, { recursive: true });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildPackage();
  // stderr: `npm pack --json` owns stdout.
  console.error(`Built ${relative(process.cwd(), dist) || 'dist'}/cuecard.mjs`);
}
