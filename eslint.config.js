// @ts-check
import tseslint from 'typescript-eslint';

// Import boundaries, kept by the linter instead of by review (../shared/conventions.md):
// each zone lists what its files may not import. A zone's patterns replace the ones before it
// for the same files (ESLint merges rule options by replacement), so every zone repeats the
// rules it inherits.
const BROWSER = [
  { group: ['wxt', 'wxt/*', '#imports'], message: 'Pure code imports nothing from WXT or the browser: take what you need as an argument.' },
  { group: ['dexie', 'fake-indexeddb', 'fake-indexeddb/*'], message: 'Only lib/db (and the background) use Dexie.' },
  { group: ['preact', 'preact/*', 'zustand', 'zustand/*'], message: 'Pure code renders nothing and holds no store.' },
];
const NOT_UI_OR_TESTS = [
  { group: ['@/components/*', '**/components/*', '**/components'], message: 'lib/ imports nothing from components/: move the shared piece into lib/.' },
  { group: ['@/test/*', '**/test/*'], message: 'lib/ imports nothing from test/.' },
];
const NOT_TESTS_FROM_PROD = [{ group: ['@/test/*', '**/test/*'], message: 'Production code imports nothing from test/.' }];
const TESTS = ['**/*.test.ts', '**/*.test.tsx'];

/** @param {string[]} files @param {Array<{group: string[], message: string}>} patterns */
const zone = (files, patterns) => ({ files, ignores: TESTS, rules: { 'no-restricted-imports': ['error', { patterns }] } });

export default tseslint.config(
  { ignores: ['dist/**', '.output/**', '.wxt/**', 'node_modules/**', 'test/fixtures/**', 'public/**', '.tmp/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      // Pack text is data: it is rendered as text, never parsed as HTML or code.
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Render text with textContent or Preact, never innerHTML.' },
        { property: 'outerHTML', message: 'Never build HTML from strings.' },
      ],
      'no-restricted-syntax': ['error', { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Pack text is rendered as text.' }],
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  zone(['components/**', 'entrypoints/**'], NOT_TESTS_FROM_PROD),
  // lib/ serves components/ and entrypoints/, never the other way round.
  zone(['lib/**'], NOT_UI_OR_TESTS),
  // The hub's server renders the hub's pages, which live in components/hub (the top level
  // stays entrypoints/ components/ lib/ public/ test/); it never touches the extension's APIs.
  zone(['lib/hub/**'], [...NOT_TESTS_FROM_PROD, ...BROWSER.slice(0, 2)]),
  // The pure core: runs in plain Node (CLI, hub, tests) as well as in the extension.
  zone(
    [
      'lib/engine/**',
      'lib/pack/**',
      'lib/distribution/**',
      'lib/search/**',
      'lib/settings/**',
      'lib/shortcuts/**',
      'lib/context/**',
      'lib/followups/**',
      'lib/coaching/**',
    ],
    [...NOT_UI_OR_TESTS, ...BROWSER],
  ),
  // Host-page I/O runs in every CRM frame's content script: DOM only, no storage or UI framework.
  zone(['lib/page/**', 'lib/panel-host/**'], [...NOT_UI_OR_TESTS, ...BROWSER]),
  // The options page reaches the background and the browser only through lib/options/api.ts,
  // which its components get from context (so their tests pass a fake). Comes after the
  // components/** zone, so it repeats that zone's rule.
  {
    files: ['components/options/**'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['wxt/browser', '@/lib/messaging/client', '#imports'],
          patterns: [
            ...NOT_TESTS_FROM_PROD,
            { group: ['**/messaging/client', '**/lib/panel-page/*'], message: 'Options components use the OptionsApi from useOptions().' },
          ],
        },
      ],
    },
  },
);
