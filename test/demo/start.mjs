#!/usr/bin/env node
// `npm start`: build the demo variant, serve the demo CRM, and open Chromium on it with the
// extension loaded. Without a display it says so and prints the manual steps instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startDemoServer } from './server.mjs';
import { buildEditorFixtures } from '../fixtures/crm/editors/build.mjs';

const root = resolve(import.meta.dirname, '../..');
const extension = join(root, '.output/demo/chrome-mv3');
const port = Number(process.env.PORT ?? 5173);

const build = spawnSync('npm', ['run', '--silent', 'build:demo'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

// The rich-text editor pages (editors/*.html) are bundled from node_modules; without them those
// pages alone stay blank, so a failure here is only a warning.
await buildEditorFixtures().catch((err) => console.warn(`Editor pages not built: ${err.message}`));
const server = await startDemoServer({ port, host: '127.0.0.1' });
console.log(`\nDemo CRM: ${server.url}/index.html  (frameset: ${server.url}/frameset.html)`);

const chromium = ['/usr/bin/chromium', '/usr/bin/google-chrome', '/usr/bin/chromium-browser'].find(existsSync);
const hasDisplay = process.platform !== 'linux' || !!process.env.DISPLAY || !!process.env.WAYLAND_DISPLAY;
if (!chromium || !hasDisplay) {
  console.log(`
${!chromium ? 'No Chromium found.' : 'No display here, so no browser window can open.'} To try Cuecard by hand:
  1. Open chrome://extensions (or edge://extensions), turn on Developer mode.
  2. "Load unpacked" and pick: ${extension}
  3. Visit ${server.url}/index.html — the Cuecard panel docks on the right.
The demo server keeps running; press Ctrl+C to stop.`);
} else {
  const profile = mkdtempSync(join(tmpdir(), 'cuecard-demo-'));
  const args = [
    `--user-data-dir=${profile}`,
    `--disable-extensions-except=${extension}`,
    `--load-extension=${extension}`,
    '--no-first-run',
    '--disable-background-networking',
    '--disable-sync',
    `${server.url}/index.html`,
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const child = spawn(chromium, args, { stdio: 'ignore' });
  child.on('exit', () => server.close().then(() => process.exit(0)));
  console.log('Chromium is open with Cuecard loaded. Close it or press Ctrl+C to stop.');
}
process.on('SIGINT', () => server.close().then(() => process.exit(0)));
