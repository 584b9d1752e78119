/**
 * Puts text into a contenteditable (a plain one, or a rich-text editor that keeps its own model:
 * CKEditor, TinyMCE, Quill, ProseMirror/Tiptap, Lexical, Slate, Draft.js…) the way the editor
 * itself takes text in, then checks after the editor re-rendered that the text is really there.
 *
 * Why not just execCommand: Chrome fires no `beforeinput` for execCommand (Input Events spec,
 * "execCommand" note), so an editor that edits its model only from `beforeinput` (Slate, Lexical,
 * CKEditor 5) sees the DOM change without its model ever getting the text: the phrase shows on
 * screen and is lost on the next render or on submit. So, like a real paste, in this order:
 *  1. a `paste` ClipboardEvent carrying a text/plain DataTransfer: every editor with a model
 *     handles it from its own clipboard pipeline (one undo step) and cancels it;
 *  2. else a cancelable `beforeinput` (insertFromPaste, the DataTransfer and the target range):
 *     an editor that listens only to beforeinput takes it and cancels it;
 *  3. else execCommand('insertText'): the browser's own editing, which plain contenteditables and
 *     DOM-reading editors (ProseMirror's and Quill's mutation observers) follow, with undo.
 * Then the content is compared with what it must be. An editor that ignored or reverted the
 * text is reported (the panel copies instead), never claimed as "Inserted".
 */
import { deepActiveElement, selectionFor, type Editable } from './focus';

type Rich = Extract<Editable, { kind: 'rich' }>;
export type RichResult = { ok: true; method: string } | { ok: false; reason: 'not-editable' | 'rejected' | 'changed' | 'field-gone' };

/**
 * Editors known to keep a model that a bare DOM edit would bypass: if none of 1–2 reached them,
 * step 3 (or a Range write) could only make a change the editor silently drops, so we refuse.
 */
const MODEL_EDITORS = '[data-slate-editor], [data-lexical-editor], .ck-editor__editable, .public-DraftEditor-content, .cm-content';

// Compare text without whitespace and editors' invisible filler characters: browsers turn spaces
// into &nbsp; and line breaks into <br>/<p>, and CKEditor/Slate/Lexical pad empty or edge text
// nodes with zero-width characters.
const squash = (s: string | null): string => (s ?? '').replace(/[\s\u200B\u2060\uFEFF]+/g, '');

/** Resolves after the page had the chance to re-render (two frames), capped for hidden tabs. */
export function settle(win: Window, capMs = 250): Promise<void> {
  return new Promise((done) => {
    const t = win.setTimeout(done, capMs);
    win.requestAnimationFrame(() =>
      win.requestAnimationFrame(() => {
        win.clearTimeout(t);
        win.setTimeout(done, 0);
      }),
    );
  });
}

const sameRange = (a: Range, b: Range) =>
  a.startContainer === b.startContainer && a.startOffset === b.startOffset && a.endContainer === b.endContainer && a.endOffset === b.endOffset;

/** Restores the agent's saved selection; waits for editors to sync their model selection. */
async function restoreSelection(el: HTMLElement, range: Range): Promise<void> {
  const sel = selectionFor(el);
  const cur = sel && sel.rangeCount ? sel.getRangeAt(0) : null;
  if (cur && sameRange(cur, range)) return; // the editor already holds this selection
  sel?.removeAllRanges();
  sel?.addRange(range);
  // Editors follow `selectionchange` (Slate throttles it to 100 ms): let it reach their model.
  const win = el.ownerDocument.defaultView ?? window;
  await new Promise((ok) => win.setTimeout(ok, 150));
}

function textData(win: Window & typeof globalThis, text: string): DataTransfer | null {
  try {
    const dt = new win.DataTransfer();
    dt.setData('text/plain', text);
    return dt;
  } catch {
    return null; // no DataTransfer constructor (old engines, test DOMs)
  }
}

/** Steps 1 and 2 above: true when the page's editor took the text in (it cancelled the event). */
function offerToEditor(el: HTMLElement, range: Range, text: string): string | null {
  const win = (el.ownerDocument.defaultView ?? window) as Window & typeof globalThis;
  const dt = textData(win, text);
  if (!dt || typeof win.ClipboardEvent !== 'function') return null;
  const paste = new win.ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true, composed: true });
  if (!el.dispatchEvent(paste)) return 'paste';
  const { startContainer, startOffset, endContainer, endOffset } = range;
  const target = typeof win.StaticRange === 'function' ? [new win.StaticRange({ startContainer, startOffset, endContainer, endOffset })] : [];
  const before = new win.InputEvent('beforeinput', {
    inputType: 'insertFromPaste',
    dataTransfer: textData(win, text),
    targetRanges: target,
    bubbles: true,
    cancelable: true,
    composed: true,
  });
  return el.dispatchEvent(before) ? null : 'beforeinput';
}

/** Step 3: the browser's own insertText, only where focus really is (it types at the focus). */
function execInsert(el: HTMLElement, text: string): boolean {
  const doc = el.ownerDocument;
  if (deepActiveElement(doc) !== el && !el.contains(deepActiveElement(doc))) return false;
  if (typeof doc.execCommand !== 'function') return false;
  const watch = new MutationObserver(() => undefined);
  watch.observe(el, { childList: true, subtree: true, characterData: true });
  try {
    doc.execCommand('insertText', false, text);
  } catch {
    /* the read-back decides */
  }
  // Mutation records, not text, tell whether it landed: whitespace-only text would not show.
  const landed = watch.takeRecords().length > 0;
  watch.disconnect();
  return landed;
}

/** A plain contenteditable where execCommand cannot run (unfocusable frame, test DOMs). */
function rangeInsert(el: HTMLElement, range: Range, text: string): void {
  const doc = el.ownerDocument;
  range.deleteContents();
  const frag = doc.createDocumentFragment();
  text.split('\n').forEach((line, i) => {
    if (i) frag.appendChild(doc.createElement('br'));
    frag.appendChild(doc.createTextNode(line));
  });
  const lastNode = frag.lastChild!;
  range.insertNode(frag);
  range.setStartAfter(lastNode);
  range.collapse(true);
  const sel = selectionFor(el);
  sel?.removeAllRanges();
  sel?.addRange(range);
  const w = doc.defaultView ?? window;
  el.dispatchEvent(new w.InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: text }));
}

export async function intoRich(t: Rich, text: string): Promise<RichResult> {
  const { el } = t;
  const doc = el.ownerDocument;
  if (!el.isContentEditable) return { ok: false, reason: 'not-editable' };
  el.focus({ preventScroll: true });
  const saved = t.range;
  // The page may have re-rendered the content since: then append at the end instead.
  const usable = saved && el.contains(saved.startContainer) && el.contains(saved.endContainer);
  const range = usable ? saved.cloneRange() : doc.createRange();
  if (!usable) {
    range.selectNodeContents(el);
    range.collapse(false);
  }
  const around = doc.createRange();
  around.selectNodeContents(el);
  around.setEnd(range.startContainer, range.startOffset);
  const head = around.toString();
  around.selectNodeContents(el);
  around.setStart(range.endContainer, range.endOffset);
  const expected = squash(head + text + around.toString());
  const before = squash(el.textContent);
  await restoreSelection(el, range);
  if (!el.isConnected) return { ok: false, reason: 'field-gone' };

  let method = offerToEditor(el, range, text);
  if (!method && el.closest(MODEL_EDITORS)) return { ok: false, reason: 'rejected' };
  if (!method && execInsert(el, text)) method = 'execCommand';
  if (!method) {
    method = 'range';
    rangeInsert(el, range, text);
  }
  // The editor applies the text to its model and re-renders (React, a rAF batch): read back after.
  await settle(doc.defaultView ?? window);
  if (!el.isConnected) return { ok: false, reason: 'field-gone' };
  const after = squash(el.textContent);
  if (after === expected) {
    const s = selectionFor(el);
    t.range = s && s.rangeCount && el.contains(s.getRangeAt(0).startContainer) ? s.getRangeAt(0).cloneRange() : null;
    return { ok: true, method };
  }
  return { ok: false, reason: after === before ? 'rejected' : 'changed' };
}
