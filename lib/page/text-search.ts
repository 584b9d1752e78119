/**
 * Where a label's text occurs in a document or shadow root, found without visiting every
 * element from script: the scope's text is read natively (textContent, one string), searched
 * with a regular expression, and only the few places it occurs are mapped back to elements.
 * A 10,000-row table costs a string search, not 80,000 cell reads (issue 14, item 5). Runs in
 * every frame's content script: no dependencies.
 */

/** A document, or an open shadow root inside one. */
export type Scope = Document | ShadowRoot;

// What a node adds to its parent's textContent: Text and CDATA their data, elements theirs;
// comments, doctypes and processing instructions nothing (DOM spec, "descendant text content").
const textOf = (n: Node): string => (n.nodeType === 1 || n.nodeType === 3 || n.nodeType === 4 ? (n.textContent ?? '') : '');

/**
 * What one read of the page may share between its lookups: several fields are looked up in one
 * content.read, and the page cannot change the DOM while that synchronous read runs. Make a
 * new one for each read (the DOM changes between them).
 */
export interface LookupCache {
  texts: Map<Scope, string>;
  roots: Map<Scope, ShadowRoot[]>;
}
export const newLookupCache = (): LookupCache => ({ texts: new Map(), roots: new Map() });

function cached<V>(memo: Map<Scope, V>, scope: Scope, make: () => V): V {
  let v = memo.get(scope);
  if (v === undefined) memo.set(scope, (v = make()));
  return v;
}

const SYNTAX = /[\\^$.*+?()[\]{}|/]/g;

/**
 * A pattern matching, in raw page text, everything whose whitespace-collapsed lower case
 * contains `want` (itself collapsed and lower-cased): a space in `want` stands for any run of
 * whitespace, letters match in either case. It may match a little more (Unicode case folding
 * is broader than toLowerCase); callers check each place with the exact rule.
 */
export function loosePattern(want: string): RegExp {
  const parts = want.split(' ').map((w) => w.replace(SYNTAX, '\\$&'));
  return new RegExp(parts.join('\\s+'), 'giu');
}

/** Every offset in `text` where a match of `pattern` starts (overlapping ones too). */
export function matchStarts(text: string, pattern: RegExp): number[] {
  const out: number[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    out.push(m.index);
    pattern.lastIndex = m.index + 1;
  }
  return out;
}

/**
 * The text nodes holding the given offsets of `parent`'s text (sorted ascending; `total` is
 * that text's length). One pass: each child's length is read once, children after the last
 * offset not at all, and a child followed by no element (html in a document, often body's
 * last big table) gets its length from `total`: reading a 10,000-row table's text is the
 * expensive part, so it happens once per level at most.
 */
function nodesAt(parent: Node, total: number, offsets: number[], out: Node[]): void {
  let base = 0;
  let i = 0;
  for (let c = parent.firstChild; c && i < offsets.length; c = c.nextSibling) {
    const len = lastElement(c) ? total - base - trailingText(c) : textOf(c).length;
    const inside: number[] = [];
    while (i < offsets.length && offsets[i]! < base + len) inside.push(offsets[i++]! - base);
    if (inside.length) {
      if (c.nodeType === 1) nodesAt(c, len, inside, out);
      else out.push(c);
    }
    base += len;
  }
}

/** No element follows `c` among its siblings (only text, comments or nothing). */
function lastElement(c: Node): boolean {
  for (let n = c.nextSibling; n; n = n.nextSibling) if (n.nodeType === 1) return false;
  return true;
}

/** The text `c`'s following siblings add (none of them an element: see lastElement). */
function trailingText(c: Node): number {
  let len = 0;
  for (let n = c.nextSibling; n; n = n.nextSibling) len += textOf(n).length;
  return len;
}

/** Elements matching `selector` that contain a place where `want` occurs, innermost first per place, then in document order. */
export function elementsAround(scope: Scope, want: string, selector: string, cache = newLookupCache()): Element[] {
  const text = cached(cache.texts, scope, () => Array.from(scope.childNodes, textOf).join(''));
  const starts = matchStarts(text, loosePattern(want));
  if (!starts.length) return [];
  const nodes: Node[] = [];
  nodesAt(scope, text.length, starts, nodes);
  const found = new Set<Element>();
  for (const n of nodes) {
    for (let el = n.parentElement?.closest(selector); el; el = el.parentElement?.closest(selector)) found.add(el);
  }
  // Document order, as a querySelectorAll over the scope would list them.
  return [...found].sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
}

// Elements that can never host a shadow root (DOM spec, attachShadow: only custom elements and
// article, aside, blockquote, body, div, footer, h1–h6, header, main, nav, p, section, span).
// Leaving them out natively spares a script visit to each cell of a big table; whatever is not
// listed here is still checked, so the list need not be complete.
// The most common elements come first: the selector list is tried in order for each element,
// and a big table's cells, rows and links then fail at the first try (half the time, measured).
const NEVER_HOST =
  'td,a,tr,li,option,th,input,b,i,br,img,font,label,button,table,tbody,thead,tfoot,col,colgroup,caption,ul,ol,dl,dt,dd,u,s,em,strong,small,hr,select,textarea,form,script,style,link,meta,pre,code,tt,sup,sub,abbr,iframe';

/** Elements under `root` that could host a shadow root (see NEVER_HOST): filtered natively. */
export const possibleHosts = (root: ParentNode): Element[] => Array.from(root.querySelectorAll(`:not(${NEVER_HOST})`));

/** Open shadow roots under `scope`, nested ones included (closed ones stay out of reach). */
export function openShadowRoots(scope: Scope, cache = newLookupCache()): ShadowRoot[] {
  return cached(cache.roots, scope, () => {
    const out: ShadowRoot[] = [];
    for (const el of possibleHosts(scope)) {
      if (el.shadowRoot) out.push(el.shadowRoot, ...openShadowRoots(el.shadowRoot, cache));
    }
    return out;
  });
}
