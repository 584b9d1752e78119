// @ts-check
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'test/fixtures/**', 'public/**', '.tmp/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      // Pack text is data: it is rendered as text, never parsed as HTML or code.
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Render text with textContent or Preact, never innerHTML.' },
        { property: 'outerHTML', message: 'Never build HTML from strings.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Pack text is rendered as text.' },
      ],
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The options page reaches the background and the browser only through lib/options/api.ts,
    // which its components get from context (so their tests pass a fake).
    files: ['components/options/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['wxt/browser', '@/lib/messaging/client', '#imports'],
          patterns: [{ group: ['**/messaging/client', '**/lib/panel/*'], message: 'Options components use the OptionsApi from useOptions().' }],
        },
      ],
    },
  },
);
