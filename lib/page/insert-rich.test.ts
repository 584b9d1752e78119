// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toEditable, type Editable } from './focus';
import { insertText } from './insert';

// happy-dom has no layout: every field counts as shown here (measured for real in the e2e suite).
vi.mock('./shown', () => ({ isShown: () => true }));

/** Test markup is trusted literal text (the lint rule against innerHTML is about pack text). */
const html = (parent: ParentNode, markup: string) => parent.replaceChildren(document.createRange().createContextualFragment(markup));
const ed = (): HTMLElement => document.querySelector<HTMLElement>('#ed')!;

/** The editor's caret after "甲乙", as the focus tracker would have saved it. */
function target(): Editable {
  const t = toEditable(ed())!;
  const r = document.createRange();
  r.setStart(ed().firstChild!, 2);
  r.collapse(true);
  if (t.kind === 'rich') t.range = r;
  return t;
}

/** A model-owning editor: the model is a string, the DOM is rendered from it. */
function modelEditor(on: 'paste' | 'beforeinput', apply = true) {
  const state = { model: ed().textContent ?? '' };
  ed().addEventListener(on, (e) => {
    e.preventDefault();
    if (!apply) return;
    const data = on === 'paste' ? (e as ClipboardEvent).clipboardData : (e as InputEvent).dataTransfer;
    state.model = state.model.slice(0, 2) + (data?.getData('text/plain') ?? '') + state.model.slice(2);
    queueMicrotask(() => (ed().textContent = state.model)); // re-renders later, as editors do
  });
  return state;
}

beforeEach(() => html(document.body, '<div id="ed" contenteditable="true">甲乙丙丁</div>'));
afterEach(() => delete (document as Partial<Document>).execCommand);

describe('insertText into an editor with its own model', () => {
  it('offers the text as a paste first; an editor that takes it gets it in its model', async () => {
    const state = modelEditor('paste');
    expect(await insertText(target(), '你好')).toEqual({ ok: true, method: 'paste' });
    expect(state.model).toBe('甲乙你好丙丁');
  });

  it('then as a beforeinput, which an editor that listens only to beforeinput takes', async () => {
    const state = modelEditor('beforeinput');
    expect(await insertText(target(), '你好')).toEqual({ ok: true, method: 'beforeinput' });
    expect(state.model).toBe('甲乙你好丙丁');
  });

  it('reports an editor that cancels the text and changes nothing', async () => {
    modelEditor('beforeinput', false);
    expect(await insertText(target(), '你好')).toEqual({ ok: false, reason: 'rejected' });
    expect(ed().textContent).toBe('甲乙丙丁');
  });

  it('never writes the DOM of a known model editor that took neither (it would drop it silently)', async () => {
    ed().setAttribute('data-slate-editor', 'true');
    expect(await insertText(target(), '你好')).toEqual({ ok: false, reason: 'rejected' });
    expect(ed().textContent).toBe('甲乙丙丁');
  });

  it('reports an editor that reverts the DOM after its next render', async () => {
    const seen: string[] = [];
    ed().addEventListener('input', () => {
      seen.push(ed().textContent ?? ''); // the text did land in the DOM first
      requestAnimationFrame(() => (ed().textContent = '甲乙丙丁'));
    });
    expect(await insertText(target(), '你好')).toEqual({ ok: false, reason: 'rejected' });
    expect(seen).toEqual(['甲乙你好丙丁']);
  });
});
