// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toEditable, type Editable } from './focus';
import { insertText } from './insert';

// happy-dom has no layout (every box is 0×0): whether a field is shown is decided per test here,
// and measured for real in test/e2e/attacks-page.e2e.ts.
const view = vi.hoisted(() => ({ shown: true }));
vi.mock('./shown', () => ({ isShown: () => view.shown }));

/** Test markup is trusted literal text (the lint rule against innerHTML is about pack text). */
const html = (parent: ParentNode, markup: string) => parent.replaceChildren(document.createRange().createContextualFragment(markup));
const $ = <T extends HTMLElement>(sel: string, root: ParentNode = document): T => root.querySelector<T>(sel)!;
const events: string[] = [];
const record = (e: Event) => {
  const el = e.composedPath()[0] as HTMLElement;
  events.push(`${e.type}#${el.id}${e instanceof InputEvent ? `:${e.inputType}:${e.data}` : ''}`);
};

/** An editable as the tracker would have saved it: the caret at [start, end). */
function field(id: string, start: number, end = start): Editable {
  const el = $<HTMLInputElement>(`#${id}`);
  return { kind: 'field', el, start, end };
}

/**
 * happy-dom has no execCommand. This stand-in behaves like Chrome's insertText: it edits the
 * focused field at its selection and fires a trusted-looking input event.
 */
function installExecCommand(): void {
  document.execCommand = (cmd: string, _ui?: boolean, text = '') => {
    const el = document.activeElement as HTMLInputElement | null;
    if (cmd !== 'insertText' || !el || !('value' in el)) return false;
    const [s, e] = [el.selectionStart ?? 0, el.selectionEnd ?? 0];
    el.value = el.value.slice(0, s) + text + el.value.slice(e);
    el.setSelectionRange(s + text.length, s + text.length);
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
    return true;
  };
}

beforeEach(() => {
  html(
    document.body,
    `
    <input id="name" value="王小明"><textarea id="notes">客户来电。</textarea>
    <input id="ro" readonly value="VIP"><input id="off" disabled><input id="code" maxlength="6" value="AB">
    <div id="rich" contenteditable="true">您好<b id="b">客户</b>再见</div><crm-field id="host"></crm-field>`,
  );
  events.length = 0;
  view.shown = true;
  for (const t of ['input', 'change']) document.addEventListener(t, record, true);
});
afterEach(() => {
  for (const t of ['input', 'change']) document.removeEventListener(t, record, true);
  delete (document as Partial<Document>).execCommand;
});

describe('insertText into text fields', () => {
  it('replaces the saved selection through the native setter and fires input + change', async () => {
    const target = field('name', 1, 2);
    expect(await insertText(target, '大')).toEqual({ ok: true, method: 'value-setter' });
    expect($<HTMLInputElement>('#name').value).toBe('王大明');
    expect(events).toEqual(['input#name:insertText:大', 'change#name']);
  });

  it('advances the saved caret so a second insert follows the first', async () => {
    const target = field('notes', 5);
    await insertText(target, '已核实身份。');
    await insertText(target, '\n处理完毕。');
    expect($<HTMLTextAreaElement>('#notes').value).toBe('客户来电。已核实身份。\n处理完毕。');
  });

  it('prefers execCommand (undo, trusted input) and does not insert twice', async () => {
    installExecCommand();
    expect(await insertText(field('notes', 0), '【投诉】')).toEqual({ ok: true, method: 'execCommand' });
    expect($<HTMLTextAreaElement>('#notes').value).toBe('【投诉】客户来电。');
    expect(events).toEqual(['input#notes:insertText:【投诉】']);
  });

  it('does not execCommand when focus did not land on the field (it would type elsewhere)', async () => {
    installExecCommand();
    $('#name').focus();
    $<HTMLTextAreaElement>('#notes').focus = () => undefined; // e.g. focus blocked in a frame
    expect(await insertText(field('notes', 0), 'X')).toMatchObject({ ok: true, method: 'value-setter' });
    expect($<HTMLInputElement>('#name').value).toBe('王小明');
  });

  it('is seen by a React-style value tracker and reported when the state rejects it', async () => {
    const el = $<HTMLInputElement>('#name');
    const proto = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!;
    let tracked = el.value;
    let state = el.value;
    let locked = false;
    // React's tracker: an own `value` property remembering what script last wrote.
    Object.defineProperty(el, 'value', {
      configurable: true,
      get: () => proto.get!.call(el) as string,
      set: (v: string) => ((tracked = v), proto.set!.call(el, v)),
    });
    el.addEventListener('input', () => {
      const actual = proto.get!.call(el) as string;
      if (actual !== tracked && !locked) state = tracked = actual; // onChange → setState
      el.value = state; // controlled re-render
    });
    expect(await insertText(field('name', 3), '先生')).toMatchObject({ ok: true });
    expect(state).toBe('王小明先生');
    locked = true;
    expect(await insertText(field('name', 0), '李')).toEqual({ ok: false, reason: 'rejected' });
    expect(el.value).toBe('王小明先生');
  });

  it('explains read-only, disabled, detached and too-long fields without touching them', async () => {
    expect(await insertText(field('ro', 0), 'x')).toEqual({ ok: false, reason: 'read-only' });
    expect(await insertText(field('off', 0), 'x')).toEqual({ ok: false, reason: 'disabled' });
    const gone = field('name', 0);
    gone.el.remove();
    expect(await insertText(gone, 'x')).toEqual({ ok: false, reason: 'field-gone' });
    const long = await insertText(field('code', 2), '12345');
    expect(long).toEqual({ ok: false, reason: 'too-long', limit: 6 });
    expect($<HTMLInputElement>('#code').value).toBe('AB');
    expect(events).toEqual([]);
  });

  it('refuses a field the agent cannot see, or one made inert, without touching it', async () => {
    view.shown = false;
    expect(await insertText(field('name', 0), 'x')).toEqual({ ok: false, reason: 'hidden' });
    expect(await insertText(toEditable($('#rich'))!, 'x')).toEqual({ ok: false, reason: 'hidden' });
    view.shown = true;
    $('#name').setAttribute('inert', '');
    expect(await insertText(field('name', 0), 'x')).toEqual({ ok: false, reason: 'disabled' });
    expect($<HTMLInputElement>('#name').value).toBe('王小明');
    expect(events).toEqual([]);
  });

  it('reports a page script that truncates or rewrites the value', async () => {
    const notes = $<HTMLTextAreaElement>('#notes');
    notes.addEventListener('input', () => (notes.value = notes.value.slice(0, 8)));
    expect(await insertText(field('notes', 5), '一二三四五')).toEqual({
      ok: false,
      reason: 'cut-short',
      kept: 3,
    });
    const name = $<HTMLInputElement>('#name');
    name.addEventListener('input', () => (name.value = name.value.toUpperCase()));
    expect(await insertText(field('name', 3), 'abc')).toEqual({ ok: false, reason: 'changed' });
  });

  it('clamps a saved caret that is past the end of a value the page shortened', async () => {
    expect(await insertText(field('name', 99), '！')).toMatchObject({ ok: true });
    expect($<HTMLInputElement>('#name').value).toBe('王小明！');
  });
});

describe('insertText into contenteditable', () => {
  const rich = (): Editable => {
    const ed = toEditable($('#rich'))!;
    const r = document.createRange();
    r.setStart($('#b').firstChild!, 0);
    r.setEnd($('#b').firstChild!, 2); // "客户" selected
    if (ed.kind === 'rich') ed.range = r;
    return ed;
  };

  it('replaces the saved range with a text node and fires input', async () => {
    expect(await insertText(rich(), '王先生')).toEqual({ ok: true, method: 'range' });
    expect($('#rich').textContent).toBe('您好王先生再见');
    expect(events).toEqual(['input#rich:insertText:王先生']);
  });

  it('keeps line breaks as <br> and appends at the end when the saved range is stale', async () => {
    const ed = rich();
    $('#rich').replaceChildren('新内容'); // the page re-rendered: the saved range points nowhere
    expect(await insertText(ed, '第一行\n第二行')).toMatchObject({ ok: true });
    expect(Array.from($('#rich').childNodes, (n) => n.nodeName + ':' + n.textContent)).toEqual(['#text:新内容', '#text:第一行', 'BR:', '#text:第二行']);
  });

  it('fails when the element stopped being editable or left the page', async () => {
    const ed = rich();
    $('#rich').contentEditable = 'false';
    expect(await insertText(ed, 'x')).toEqual({ ok: false, reason: 'not-editable' });
    $('#rich').remove();
    expect(await insertText(ed, 'x')).toEqual({ ok: false, reason: 'field-gone' });
  });

  it('works inside an open shadow root and reports a page that reverts the edit', async () => {
    const root = $('#host').attachShadow({ mode: 'open' });
    html(root, '<div id="deep" contenteditable="true">备注：</div>');
    const deep = $('#deep', root);
    expect(await insertText(toEditable(deep)!, '已回访')).toMatchObject({ ok: true });
    expect(deep.textContent).toBe('备注：已回访');
    deep.addEventListener('input', () => (deep.textContent = '备注：已回访'));
    expect(await insertText(toEditable(deep)!, '两次')).toEqual({ ok: false, reason: 'rejected' });
  });
});
