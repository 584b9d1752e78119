/**
 * Cuecard's own marks on the CRM page for guarded controls and field checks: a lock ring on each
 * guarded control, a note beside each failing field, and a short message where a click was held.
 * All drawn in one element of ours with a closed shadow root, positioned over the page with no
 * pointer events: the CRM's elements, their styles and their layout are never touched, and
 * clicks still reach the control (where the guard decides). Page scripts cannot read or press
 * anything in it. Decisions (override, verification) are taken in the panel, not here.
 */
export interface GuardUi {
  /** Lock rings around these elements (replaces the previous set). */
  locks(els: readonly Element[], title: string): void;
  /** Notes below failing fields (replaces the previous set). */
  notes(items: ReadonlyArray<{ el: Element; text: string; blocking: boolean }>): void;
  /** A message next to `el` (a held click, a Save note); `null` hides it. */
  say(el: Element | null, text?: string, kind?: 'held' | 'warn'): void;
  /** Re-reads positions (scroll, resize, re-render). */
  place(): void;
  remove(): void;
}

const CSS = `
:host{all:initial!important;position:absolute!important;left:0!important;top:0!important;width:0!important;height:0!important;overflow:visible!important;z-index:2147483646!important;pointer-events:none!important}
div{position:absolute;box-sizing:border-box;pointer-events:none;font:12px/1.4 system-ui,sans-serif}
.lock{border:2px dashed #c2410c;border-radius:4px;background:rgba(251,146,60,.08)}
.lock::after{content:"\\1F512";position:absolute;right:-9px;top:-11px;font-size:13px;background:#fff7ed;border:1px solid #c2410c;border-radius:9px;padding:0 2px;line-height:16px}
.note{color:#b91c1c;background:#fef2f2;border:1px solid #fca5a5;border-radius:3px;padding:1px 5px;white-space:nowrap}
.note.warn{color:#92400e;background:#fffbeb;border-color:#fcd34d}
.say{max-width:320px;color:#fff;background:#9a3412;border-radius:6px;padding:6px 10px;box-shadow:0 2px 8px rgba(0,0,0,.3)}
.say.warn{background:#92400e}
`;

type Placed = { el: Element; box: HTMLDivElement; kind: 'lock' | 'note' | 'say' };

export function createGuardUi(doc: Document): GuardUi {
  let host: HTMLElement | null = null;
  let root: ShadowRoot | null = null;
  let placed: Placed[] = [];

  function ensure(): ShadowRoot {
    if (!host || !root) {
      host = doc.createElement('cuecard-guard');
      root = host.attachShadow({ mode: 'closed' });
      const style = doc.createElement('style');
      style.textContent = CSS;
      root.append(style);
    }
    // A page that sweeps unknown elements away only loses the marks until the next draw.
    if (!host.isConnected) doc.documentElement.append(host);
    return root;
  }

  function position({ el, box, kind }: Placed) {
    const r = el.getBoundingClientRect();
    const hidden = r.width === 0 && r.height === 0;
    box.style.display = hidden ? 'none' : '';
    if (hidden) return;
    // The rects are the frame's viewport; our host sits at the document's origin.
    const x = r.left + doc.defaultView!.scrollX;
    const y = r.top + doc.defaultView!.scrollY;
    if (kind === 'lock') Object.assign(box.style, { left: `${x - 3}px`, top: `${y - 3}px`, width: `${r.width + 6}px`, height: `${r.height + 6}px` });
    else if (kind === 'note') Object.assign(box.style, { left: `${x}px`, top: `${y + r.height + 2}px` });
    else Object.assign(box.style, { left: `${x}px`, top: `${y + r.height + 8}px` });
  }

  function replace(kind: Placed['kind'], next: Placed[]) {
    for (const p of placed) if (p.kind === kind) p.box.remove();
    placed = [...placed.filter((p) => p.kind !== kind), ...next];
    next.forEach(position);
  }

  function box(cls: string, text?: string): HTMLDivElement {
    const div = doc.createElement('div');
    div.className = cls;
    if (text !== undefined) div.textContent = text; // pack and UI text: never markup
    ensure().append(div);
    return div;
  }

  return {
    locks(els, title) {
      replace(
        'lock',
        els.map((el) => {
          const b = box('lock');
          b.title = title;
          b.dataset.testid = 'cc-guard-lock';
          return { el, box: b, kind: 'lock' as const };
        }),
      );
    },
    notes(items) {
      replace(
        'note',
        items.map(({ el, text, blocking }) => {
          const b = box(blocking ? 'note' : 'note warn', text);
          b.dataset.testid = 'cc-check-note';
          return { el, box: b, kind: 'note' as const };
        }),
      );
    },
    say(el, text, kind = 'held') {
      if (!el || !text) return replace('say', []);
      const b = box(kind === 'held' ? 'say' : 'say warn', text);
      b.dataset.testid = kind === 'held' ? 'cc-guard-held' : 'cc-check-say';
      b.setAttribute('role', 'alert');
      replace('say', [{ el, box: b, kind: 'say' }]);
    },
    place() {
      placed = placed.filter((p) => (p.el.isConnected ? true : (p.box.remove(), false)));
      if (placed.length && host && !host.isConnected) doc.documentElement.append(host);
      placed.forEach(position);
    },
    remove() {
      placed = [];
      host?.remove();
      host = null;
      root = null;
    },
  };
}
