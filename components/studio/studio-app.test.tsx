// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import type { StudioApi } from '@/lib/studio/api-client';
import { compileInPlace } from '@/lib/studio/compile-client';
import { draftKey } from '@/lib/studio/drafts';
import { defaultPackFiles } from '@/lib/studio/test-pack';
import { StudioApp } from './StudioApp';

const settle = () => act(() => new Promise((r) => setTimeout(r, 20)));

function mount(api: StudioApi) {
  const container = document.createElement('div');
  document.body.append(container);
  localStorage.clear();
  localStorage.setItem('cuecard-studio-lang', 'en');
  // Not the Edit pane: CodeMirror needs layout that happy-dom does not do.
  location.hash = '#map';
  render(<StudioApp api={api} compiler={async (f) => compileInPlace(f)} storage={localStorage} />, container);
  return container;
}

function fakeApi(files: Record<string, string>, save: StudioApi['save']): StudioApi {
  return { session: async () => ({ mode: 'local', folder: 'team-b' }), pack: async () => files, published: async () => null, save };
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('Studio shell', () => {
  it('says why a save was refused, keeps the draft, and keeps the unsaved marker', async () => {
    const files = defaultPackFiles();
    const file = '01-shift-prep.md';
    let calls = 0;
    const root = mount(
      fakeApi(files, async () => {
        calls++;
        throw new Error('path: a file name like 10-inbound.md');
      }),
    );
    await settle();
    expect(root.querySelector('[data-testid=studio-compile-state]')!.textContent).toContain('no errors');
    const form = root.querySelector('[data-testid=studio-tab-form]') as HTMLButtonElement;
    expect(form).not.toBeNull();
    // A change made in the Form pane's title field, then Ctrl+S.
    await act(async () => form.click());
    await settle();
    const title = root.querySelector('[data-testid=studio-form-title]') as HTMLInputElement;
    title.value = '工位准备 | Desk check';
    await act(async () => void title.dispatchEvent(new FocusEvent('blur')));
    await settle();
    expect(root.querySelector('[data-testid=studio-unsaved]')).not.toBeNull();
    await act(async () => void dispatchEvent(new KeyboardEvent('keydown', { key: 's', ctrlKey: true })));
    await settle();
    expect(calls).toBe(1);
    expect(root.querySelector('[data-testid=studio-save-error]')!.textContent).toContain('path: a file name like 10-inbound.md');
    expect(root.querySelector('[data-testid=studio-unsaved]')).not.toBeNull();
    const drafts = JSON.parse(localStorage.getItem(draftKey('local:team-b'))!);
    expect(drafts[file]).toContain('## 工位准备 | Desk check {#environment}');
  });

  it('shows a load failure instead of an empty editor', async () => {
    const root = mount({ ...fakeApi({}, async () => undefined), pack: async () => Promise.reject(new Error('401 Unauthorized')) });
    await settle();
    expect(root.querySelector('[data-testid=studio-load-error]')!.textContent).toContain('401 Unauthorized');
  });
});
