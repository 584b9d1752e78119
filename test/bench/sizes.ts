/** What the extension ships, gzip -9: content scripts, the panel page with its chunks, the background. */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Files an HTML page loads from the extension: module scripts, modulepreloads, stylesheets. */
export function pageAssets(html: string): string[] {
  const refs = [...html.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
  return refs.filter((r) => /\.(m?js|css)$/.test(r) && !/^[a-z]+:/i.test(r)).map((r) => r.replace(/^\//, ''));
}

/**
 * Chunks a module imports statically (`import … from "./x.js"` / `"/chunks/x.js"`), so a
 * chunk the panel needs is counted even if Vite stops listing it as a modulepreload.
 */
function imports(dir: string, file: string): string[] {
  const code = readFileSync(join(dir, file), 'utf8');
  const base = file.slice(0, file.lastIndexOf('/') + 1);
  return [...code.matchAll(/\bfrom\s*["']([^"']+\.js)["']|\bimport\s*["']([^"']+\.js)["']/g)]
    .map((m) => (m[1] ?? m[2])!)
    .map((spec) => (spec.startsWith('/') ? spec.slice(1) : join(base, spec).replaceAll('\\', '/')));
}

export function bundleSizes(dir: string) {
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`No built extension at ${dir}: run \`npm run build:demo\` first.`);
  const csDir = join(dir, 'content-scripts');
  // What every agent's CRM page loads; the Studio bridge runs only on a lead's Studio address.
  const contentScripts = readdirSync(csDir).filter((f) => f.endsWith('.js') && f !== 'studio-bridge.js');
  if (!contentScripts.length) throw new Error(`No content scripts in ${csDir}`);

  const panelHtml = readFileSync(join(dir, 'panel.html'), 'utf8');
  const panelFiles = new Set<string>(['panel.html']);
  const queue = pageAssets(panelHtml);
  for (let f = queue.pop(); f !== undefined; f = queue.pop()) {
    if (panelFiles.has(f)) continue;
    if (!existsSync(join(dir, f))) throw new Error(`panel.html refers to ${f}, which is not in ${dir}`);
    panelFiles.add(f);
    if (f.endsWith('.js')) queue.push(...imports(dir, f));
  }
  return {
    contentScriptGzipBytes: contentScripts.reduce((n, f) => n + gz(join(csDir, f)), 0),
    panelBundleGzipBytes: [...panelFiles].reduce((n, f) => n + gz(join(dir, f)), 0),
    backgroundGzipBytes: gz(join(dir, 'background.js')),
    panelFiles: [...panelFiles].sort(),
  };
}
