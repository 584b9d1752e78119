// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFocusTracker, type Editable, type FocusTracker } from './focus';

let tracker: FocusTracker;
// happy-dom leaves isTrusted unset: the tests mark what a page script forged instead.
const forged = new WeakSet<Event>();
const isReal = (e: Event) => !forged.has(e);
const track = (onFocus?: (ed: Editable | null) => void) => createFocusTracker(document, onFocus, { isReal });
/** The agent's own click: the pointer goes down on the element, and focus follows. */
const click = (el: HTMLElement) => {
  el.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
  el.focus();
};
/** navigator.userActivation.hasBeenActive: whether the agent has used this frame (happy-dom has none). */
const activated = (hasBeenActive: boolean) => Object.defineProperty(navigator, 'userActivation', { value: { hasBeenActive }, configurable: true });
const forge = (el: EventTarget, e: Event) => (forged.add(e), el.dispatchEvent(e));
/** Test markup is trusted literal text (the lint rule against innerHTML is about pack text). */
const html = (parent: ParentNode, markup: string) => parent.replaceChildren(document.createRange().createContextualFragment(markup));
const $ = <T extends HTMLElement>(sel: string, root: ParentNode = document): T => root.querySelector<T>(sel)!;

beforeEach(() => {
  html(
    document.body,
    `
    <input id="name" value="张三丰"><input id="pw" type="password"><input id="agree" type="checkbox">
    <textarea id="notes">line one</textarea><button id="btn">save</button>
    <div id="rich" contenteditable="true">hello <b id="bold">world</b></div>
    <cuecard-panel><input id="inside-host"></cuecard-panel><div id="cuecard-root"><textarea id="ours"></textarea></div>
    <crm-field id="shadow-host"></crm-field>`,
  );
  tracker = track();
});
afterEach(() => tracker.dispose());

describe('createFocusTracker', () => {
  it('remembers the last focused text field and its selection after focus moves away', () => {
    const name = $<HTMLInputElement>('#name');
    click(name);
    name.setSelectionRange(1, 2);
    $('#btn').focus(); // e.g. a page button, or the panel iframe
    name.setSelectionRange(0, 0); // blurred fields keep their state; prove we use the saved copy
    expect(tracker.last()).toMatchObject({ kind: 'field', el: name, start: 1, end: 2 });
  });

  it('reads the live caret while the field still has focus', () => {
    const notes = $<HTMLTextAreaElement>('#notes');
    click(notes);
    notes.setSelectionRange(4, 4);
    expect(tracker.last()).toMatchObject({ el: notes, start: 4, end: 4 });
  });

  it('ignores password fields, non-text inputs and our own panel', () => {
    for (const id of ['pw', 'agree', 'inside-host', 'ours']) click($(`#${id}`));
    expect(tracker.last()).toBeNull();
    click($('#name'));
    click($('#ours'));
    expect(tracker.last()?.el.id).toBe('name');
  });

  it('tracks a field inside an open shadow root through composedPath', () => {
    const root = $('#shadow-host').attachShadow({ mode: 'open' });
    html(root, '<textarea id="deep">abc</textarea>');
    const deep = $<HTMLTextAreaElement>('#deep', root);
    click(deep);
    deep.setSelectionRange(3, 3);
    $('#btn').focus();
    expect(tracker.last()).toMatchObject({ kind: 'field', el: deep, start: 3, end: 3 });
  });

  it('hears focus moving between two fields of the same shadow root', () => {
    const root = $('#shadow-host').attachShadow({ mode: 'open' });
    html(root, '<input id="a"><textarea id="b"></textarea>');
    const onFocus = vi.fn();
    const t = track(onFocus);
    click($('#a', root)); // entering the root: the document hears this one
    // Chrome does not dispatch this move to the document (target and relatedTarget both
    // retarget to the host); a non-composed event reproduces exactly that.
    $('#b', root).dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    $('#b', root).dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: false }));
    expect(t.last()?.el).toBe($('#b', root));
    expect(onFocus).toHaveBeenCalledTimes(2); // once per focus, though two listeners hear #a
    t.dispose();
  });

  it('saves a cloned Range for contenteditable, kept when the page selection moves', () => {
    const rich = $('#rich');
    click(rich);
    const word = $('#bold').firstChild!;
    const sel = document.getSelection()!;
    const r = document.createRange();
    r.setStart(word, 1);
    r.setEnd(word, 3);
    sel.removeAllRanges();
    sel.addRange(r);
    document.dispatchEvent(new Event('selectionchange'));
    $('#btn').focus();
    sel.selectAllChildren($('#btn')); // the agent selects something else on the page
    document.dispatchEvent(new Event('selectionchange'));
    const last = tracker.last();
    expect(last?.kind).toBe('rich');
    if (last?.kind !== 'rich') return;
    expect(last.el).toBe(rich);
    expect([last.range?.startContainer, last.range?.startOffset, last.range?.endOffset]).toEqual([word, 1, 3]);
  });

  it('resolves a focused descendant to the contenteditable editing host', () => {
    const bold = $('#bold');
    bold.tabIndex = 0;
    click(bold);
    expect(tracker.last()?.el.id).toBe('rich');
  });

  it('starts from the field already focused when it is created, in a frame the agent has used', () => {
    tracker.dispose();
    const notes = $<HTMLTextAreaElement>('#notes');
    notes.focus();
    notes.setSelectionRange(2, 4);
    const onFocus = vi.fn();
    activated(true);
    tracker = track(onFocus);
    expect(onFocus).toHaveBeenCalledTimes(1); // the background learns which frame to insert into
    $('#btn').focus();
    expect(tracker.last()).toMatchObject({ kind: 'field', el: notes, start: 2, end: 4 });
  });

  it('does not start from a field a script focused in a frame the agent never used, until the agent types there', () => {
    tracker.dispose();
    const notes = $<HTMLTextAreaElement>('#notes');
    notes.focus();
    const onFocus = vi.fn();
    activated(false);
    tracker = track(onFocus);
    expect(onFocus).not.toHaveBeenCalled();
    expect(tracker.last()).toBeNull();
    notes.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true, composed: true }));
    notes.dispatchEvent(new KeyboardEvent('keydown', { key: 'b', bubbles: true, composed: true }));
    expect(tracker.last()?.el).toBe(notes);
    expect(onFocus).toHaveBeenCalledTimes(1); // claimed once, not once per key
  });

  it('starts from a field focused inside an open shadow root, and hears that root afterwards', () => {
    tracker.dispose();
    const root = $('#shadow-host').attachShadow({ mode: 'open' });
    html(root, '<input id="a" value="一二三"><input id="b" value="四五六">');
    $<HTMLInputElement>('#a', root).focus();
    activated(true);
    tracker = track();
    expect(tracker.last()?.el).toBe($('#a', root));
    click($<HTMLInputElement>('#b', root)); // focus moving inside the root never reaches the document
    expect(tracker.last()?.el).toBe($('#b', root));
  });

  it('does not start from our own panel or a non-text control', () => {
    tracker.dispose();
    $<HTMLTextAreaElement>('#ours').focus();
    tracker = createFocusTracker(document);
    expect(tracker.last()).toBeNull();
  });

  it('reports each newly focused editable and stops after dispose', () => {
    const onFocus = vi.fn();
    const t = track(onFocus);
    click($('#name'));
    $('#btn').focus();
    expect(onFocus).toHaveBeenCalledTimes(1);
    expect(onFocus.mock.calls[0]?.[0]).toMatchObject({ kind: 'field', el: $('#name') });
    t.dispose();
    click($('#notes'));
    expect(onFocus).toHaveBeenCalledTimes(1);
    expect(t.last()).toBeNull();
  });
});

describe('only the agent moves the insert target', () => {
  it('forgets the target when a page script focuses another field, and does not claim the frame for it', () => {
    const onFocus = vi.fn();
    const t = track(onFocus);
    click($('#name'));
    $('#notes').focus(); // a page script's focus(): trusted focusin, but no press of the agent's
    expect(t.last()).toBeNull(); // an insert is refused, not sent to a field the agent did not pick
    expect(onFocus).toHaveBeenCalledTimes(1);
    t.dispose();
  });

  it("keeps the agent's field when a script focuses that same field again, without claiming anew", () => {
    const onFocus = vi.fn();
    const t = track(onFocus);
    click($('#name'));
    $('#btn').focus();
    $('#name').focus();
    expect(t.last()?.el.id).toBe('name');
    expect(onFocus).toHaveBeenCalledTimes(1);
    t.dispose();
  });

  it('ignores forged focus and forged presses', () => {
    const onFocus = vi.fn();
    const t = track(onFocus);
    click($('#name'));
    forge($('#notes'), new FocusEvent('focusin', { bubbles: true, composed: true }));
    expect(t.last()?.el.id).toBe('name');
    forge($('#notes'), new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    $('#notes').focus();
    expect(t.last()).toBeNull();
    forge($('#notes'), new KeyboardEvent('keydown', { key: 'a', bubbles: true, composed: true }));
    expect(t.last()).toBeNull();
    expect(onFocus).toHaveBeenCalledTimes(1);
    t.dispose();
  });

  it("follows the agent's Tab and a press on a field's label", () => {
    html(document.body, '<input id="a"><label id="lab" for="b">备注</label><textarea id="b"></textarea><input id="c">');
    const t = track();
    click($('#a'));
    $('#a').dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, composed: true }));
    $('#c').focus(); // where sequential navigation took focus
    expect(t.last()?.el.id).toBe('c');
    $('#c').dispatchEvent(new KeyboardEvent('keyup', { key: 'Tab', bubbles: true, composed: true }));
    $('#lab').dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    $('#b').focus();
    expect(t.last()?.el.id).toBe('b');
    $('#a').focus(); // Tab is over: this is a script again
    expect(t.last()).toBeNull();
    t.dispose();
  });
});

describe('a document whose body is the editor (TinyMCE classic iframe)', () => {
  afterEach(() => document.body.removeAttribute('contenteditable'));
  const pressRoot = () => document.documentElement.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));

  it("takes the body when the agent's press below the text landed on <html>", () => {
    html(document.body, '<p>甲乙XX丙丁</p>');
    document.body.setAttribute('contenteditable', 'true');
    const onFocus = vi.fn();
    const t = track(onFocus);
    pressRoot();
    document.body.focus();
    expect(t.last()?.el).toBe(document.body);
    expect(onFocus).toHaveBeenLastCalledWith(expect.objectContaining({ el: document.body }));
    t.dispose();
  });

  it('not when the body is not editable, nor from a script focusing it, nor a forged press', () => {
    html(document.body, '<p>甲乙</p><input id="x">');
    const t = track();
    click($('#x'));
    pressRoot();
    document.body.focus(); // not an editor: the press on the page keeps the agent's field
    expect(t.last()?.el.id).toBe('x');
    document.body.setAttribute('contenteditable', 'true');
    click($('#x'));
    document.body.focus(); // a script's focus, no press of the agent's on the page
    expect(t.last()).toBeNull();
    click($('#x'));
    forge(document.documentElement, new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    document.body.focus();
    expect(t.last()).toBeNull();
    t.dispose();
  });
});

describe('a field inside a closed shadow root (issue 14)', () => {
  // The browser retargets focus and keys from inside a closed root to its host: what we see.
  const intoClosed = (host: HTMLElement) => {
    host.attachShadow({ mode: 'closed' });
    host.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    host.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
  };

  it('is not mistaken for the last field seen: no target, and the tracker says why', () => {
    const claims: Array<string | null> = [];
    tracker.dispose();
    tracker = track((ed) => claims.push(ed?.el.id ?? null));
    click($('#notes'));
    intoClosed($('#shadow-host'));
    expect(tracker.last()).toBeNull();
    expect(tracker.opaque()).toBe(true);
    // This frame claims the tab's target, so another frame's earlier field does not get it either.
    expect(claims).toEqual(['notes', null]);
    click($('#name'));
    expect(tracker.last()?.el.id).toBe('name');
    expect(tracker.opaque()).toBe(false);
  });

  it('typing inside it (keys retargeted to the host) also leaves no target', () => {
    click($('#notes'));
    const host = $('#shadow-host');
    host.attachShadow({ mode: 'closed' });
    host.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true, composed: true }));
    expect(tracker.last()).toBeNull();
    expect(tracker.opaque()).toBe(true);
  });
});

describe('focus moving into a frame', () => {
  const frameUnderPointer = () => {
    const frame = document.createElement('iframe');
    document.body.append(frame);
    frame.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true })); // the agent's pointer entered it
    return frame;
  };

  it('forgets the field left here when the agent went into the frame: it claims the target itself, or there is none', () => {
    click($('#notes'));
    const frame = frameUnderPointer();
    frame.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    expect(tracker.last()).toBeNull();
    expect(tracker.opaque()).toBe(false);
    click($('#name'));
    expect(tracker.last()?.el.id).toBe('name');
  });

  it('also when the browser fires no focusin on the frame: the active element says so after focusout', async () => {
    click($('#notes'));
    const frame = frameUnderPointer();
    frame.tabIndex = 0;
    frame.focus();
    await new Promise((ok) => setTimeout(ok, 0));
    expect(tracker.last()).toBeNull();
  });

  it('keeps the field when a frame took focus by script, away from the pointer', async () => {
    click($('#notes'));
    const frame = document.createElement('iframe');
    document.body.append(frame);
    frame.tabIndex = 0;
    frame.focus();
    await new Promise((ok) => setTimeout(ok, 0));
    expect(tracker.last()?.el.id).toBe('notes');
  });
});
