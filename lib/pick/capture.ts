/**
 * Serialises one frame of the CRM page into a masked snapshot frame (mask-rules.ts says what
 * is kept). Runs in every frame's content script, on the live DOM; reads attributes and text
 * nodes only — never a field's `value` property, so what an agent typed is not even read.
 */
import { pageOf } from '../context/broken-anchors';
import { LEAF, SKIP, maskAttribute, maskText } from './mask-rules';
import type { SnapElement, SnapFrame, SnapNode } from './snapshot-schema';

/** Bounds the file: a 10,000-row grid is structure enough long before its end. */
export const MAX_ELEMENTS = 15_000;
const TAG = /^[a-z][a-z0-9-]*$/;
const ATTR = /^[a-z_:][-a-z0-9_:.]*$/i;

interface Walk {
  left: number;
}

function element(el: Element, walk: Walk): SnapElement | undefined {
  const t = el.localName;
  if (SKIP.has(t) || !TAG.test(t) || walk.left <= 0) return undefined;
  walk.left--;
  const out: SnapElement = { t };
  const attrs: Record<string, string> = {};
  for (const { name, value } of Array.from(el.attributes)) {
    if (!ATTR.test(name)) continue;
    const kept = maskAttribute(el, name.toLowerCase(), value);
    if (kept !== undefined) attrs[name.toLowerCase()] = kept;
  }
  if (Object.keys(attrs).length) out.a = attrs;
  if (LEAF.has(t)) return out;
  const c = children(el, walk);
  if (c.length) out.c = c;
  // Only open shadow roots: a content script cannot see into closed ones, nor should it.
  const root = el.shadowRoot;
  if (root) out.s = children(root, walk);
  return out;
}

function children(parent: Element | ShadowRoot, walk: Walk): SnapNode[] {
  const out: SnapNode[] = [];
  for (const node of Array.from(parent.childNodes)) {
    if (node.nodeType === 3) {
      const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
      const host = node.parentElement ?? (parent as ShadowRoot).host;
      if (text && host) out.push(maskText(text, host).slice(0, 2000));
    } else if (node.nodeType === 1) {
      const el = element(node as Element, walk);
      if (el) out.push(el);
    }
  }
  return out;
}

/** This frame of the page, masked. `name`: the frame's window name (a locator's frame hint). */
export function captureFrame(doc: Document, name: string, href: string): SnapFrame {
  const walk = { left: MAX_ELEMENTS };
  const body = doc.body ? (element(doc.body, walk) ?? { t: 'body' }) : { t: 'body' };
  return { name: /@|\d{5}|[^\x20-\x7e]/.test(name) ? '' : name.slice(0, 200), page: pageOf(href), body };
}
