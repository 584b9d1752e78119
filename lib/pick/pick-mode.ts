/**
 * Pick mode in one CRM frame (issue 12): an outline and a label follow the pointer (into open
 * shadow roots); a real click selects and is swallowed — the page's own handlers never see it,
 * the field does not even take focus — and Esc cancels. The answer is an anchor proposal and a
 * count, never the element's value. Runs in every frame's content script.
 */
import { personalSegment } from '../context/broken-anchors';
import type { LocatorKind } from './count-matches';
import { pickTarget, proposeAnchor, type Proposal } from './propose';

export type PickAnswer = { picked: Proposal | null } | { cancelled: true };

const SWALLOW = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click', 'dblclick', 'auxclick', 'contextmenu'];

/** A frame's hint for `frame:`: its name, else the last segment of its path, if not personal. */
function frameHint(win: Window): string | undefined {
  if (win === win.top) return undefined;
  if (win.name && !/@|\d{5}|[^\x20-\x7e]/.test(win.name)) return win.name;
  const last = win.location.pathname.split('/').pop() ?? '';
  return last && !personalSegment(last) ? last : undefined;
}

function overlay(doc: Document) {
  const host = doc.createElement('cuecard-pick');
  const root = host.attachShadow({ mode: 'closed' });
  const box = root.appendChild(doc.createElement('div'));
  box.style.cssText = 'position:fixed;z-index:2147483647;pointer-events:none;outline:2px solid #d9480f;background:rgba(217,72,15,.08);display:none';
  const tag = root.appendChild(doc.createElement('div'));
  tag.style.cssText =
    'position:fixed;z-index:2147483647;pointer-events:none;font:12px system-ui;background:#d9480f;color:#fff;padding:2px 6px;border-radius:3px;display:none';
  doc.documentElement.appendChild(host);
  return {
    show(el: Element, text: string) {
      const r = el.getBoundingClientRect();
      Object.assign(box.style, { display: 'block', left: `${r.left}px`, top: `${r.top}px`, width: `${r.width}px`, height: `${r.height}px` });
      Object.assign(tag.style, { display: 'block', left: `${r.left}px`, top: `${Math.max(0, r.top - 22)}px` });
      tag.textContent = text; // page text as text, never markup
    },
    remove: () => host.remove(),
  };
}

const describeProposal = (p: Proposal | null) =>
  p ? `${p.loc.labelText ? `label “${p.loc.labelText}”` : p.loc.selector} · ${p.matches === 1 ? '1 match' : `${p.matches} matches`}` : 'no stable anchor';

/** Starts pick mode; `done` is called once. Returns a stop function (no answer). */
export function startPick(win: Window, kind: LocatorKind, done: (a: PickAnswer) => void): () => void {
  const doc = win.document;
  const ui = overlay(doc);
  const target = (e: Event) => {
    const first = e.composedPath()[0] as Element | undefined;
    return first?.nodeType === 1 ? pickTarget(first, kind) : null;
  };
  const propose = (el: Element) => {
    const p = proposeAnchor(doc, el, kind);
    const frame = frameHint(win);
    return p && frame ? { ...p, loc: { ...p.loc, frame } } : p;
  };
  const onMove = (e: Event) => {
    const el = e.isTrusted ? target(e) : null;
    if (el) ui.show(el, describeProposal(propose(el)));
  };
  const onPress = (e: Event) => {
    if (!e.isTrusted) return; // a page's synthetic click cannot pick for the lead
    e.preventDefault();
    e.stopImmediatePropagation();
    if (e.type !== 'click') return;
    const el = target(e);
    if (el) finish({ picked: propose(el) });
  };
  const onKey = (e: KeyboardEvent) => {
    if (!e.isTrusted || e.key !== 'Escape') return;
    e.preventDefault();
    e.stopImmediatePropagation();
    finish({ cancelled: true });
  };
  const stop = () => {
    win.removeEventListener('mousemove', onMove, true);
    for (const t of SWALLOW) win.removeEventListener(t, onPress, true);
    win.removeEventListener('keydown', onKey, true);
    ui.remove();
  };
  const finish = (a: PickAnswer) => {
    stop();
    done(a);
  };
  win.addEventListener('mousemove', onMove, true);
  for (const t of SWALLOW) win.addEventListener(t, onPress, true);
  win.addEventListener('keydown', onKey, true);
  return stop;
}
