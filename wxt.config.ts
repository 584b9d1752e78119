import { defineConfig } from 'wxt';
import { dockCss, dockWidths } from './lib/panel-host/dock';

// The demo variant (`npm run build:demo`) is also enabled on the local demo CRM, for
// `npm start`, the e2e suite and the benchmarks. Normal builds request no host access
// up front: sites are added by the agent or an admin (optional permissions).
const demo = process.env.CUECARD_DEMO === '1';
const DEMO_HOSTS = ['http://127.0.0.1/*', 'http://localhost/*'];
const FIREFOX_ID = 'cuecard@cuecard.dev';

export default defineConfig({
  // Separate folders so a demo build never overwrites the store build.
  outDir: demo ? '.output/demo' : '.output',
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    build: { sourcemap: false, minify: process.env.CUECARD_NOMINIFY ? false : undefined },
    // Demo-only code (the e2e fault hooks in lib/db/faults.ts) is dropped from store builds.
    define: { __CUECARD_DEMO__: JSON.stringify(demo) },
  }),
  manifest: ({ browser }) => ({
    name: demo ? 'Cuecard (demo)' : '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // notifications: a follow-up (a promised call-back, a ticket to chase) must reach the agent
    // when it falls due even with no CRM tab open; alarms wake the worker, this shows it.
    permissions: ['storage', 'scripting', 'alarms', 'unlimitedStorage', 'notifications'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    // Enterprise policy for pack URLs, trusted keys and unsigned packs (chrome.storage.managed).
    storage: { managed_schema: 'managed_schema.json' },
    host_permissions: demo ? DEMO_HOSTS : [],
    web_accessible_resources: [
      // Only the panel page is reachable from web pages; it is framed by the content script.
      // use_dynamic_url: reachable only at a per-session URL (runtime.getURL gives it), so a page
      // probing chrome-extension://<id>/panel.html sees what it sees for an absent extension.
      // Who may act as the panel is decided by a ticket (lib/background/panel-sessions.ts).
      { resources: ['panel.html'], matches: ['<all_urls>'], use_dynamic_url: true },
    ],
    // Firefox: a fixed add-on id (managed storage and enterprise policy are keyed by it, and
    // the e2e harness maps it to a known moz-extension UUID). Chromium warns on the key: omit it.
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: { id: FIREFOX_ID, strict_min_version: '128.0' } } } : {}),
    commands: {
      'toggle-panel': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: 'Show or hide the Cuecard panel',
      },
    },
  }),
  hooks: {
    // The dock stylesheets the background registers before each page's first layout (lib/panel-host/dock.ts).
    'build:publicAssets': (_wxt, files) => {
      for (const w of dockWidths()) files.push({ relativeDest: `dock/${w}.css`, contents: dockCss(w) });
    },
    'build:manifestGenerated': (wxt, manifest) => {
      // Runtime-registered content scripts must not widen the required host permissions.
      manifest.host_permissions = demo ? DEMO_HOSTS : [];
      // MV2 (Firefox) has no optional_host_permissions (WXT drops the key): without this the
      // store build could never be granted a site. MV2 lists optional hosts as permissions.
      if (wxt.config.manifestVersion === 2) {
        manifest.optional_permissions = [...(manifest.optional_permissions ?? []), ...(manifest.optional_host_permissions ?? [])];
        delete manifest.optional_host_permissions;
      }
    },
  },
});
