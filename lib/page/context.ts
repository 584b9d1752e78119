/**
 * Reads the pack's page fields and procedure suggestions in this frame. Each frame's
 * content script answers for its own document; the background merges the answers
 * (lib/context/merge.ts), so fields in any frame of a frameset are found.
 */
import { matchesAny, matchesUrl } from '../context/site-match';
import type { FrameRead } from '../context/merge';
import type { PageSite } from '../context/pack-context';
import { frameMatches, readValue, resolveLocator } from './match';
import { newLookupCache } from './text-search';

function exists(doc: Document, selector: string): boolean {
  try {
    return doc.querySelector(selector) !== null;
  } catch {
    return false; // a malformed selector suggests nothing
  }
}

/** `top` is the tab's URL (a frame of another origin cannot see it), passed by the background. */
export function readContext(win: Window, sites: readonly PageSite[], top?: string): FrameRead {
  const doc = win.document;
  const here = win.location.href;
  const out: FrameRead = { values: {}, fields: [], suggest: [] };
  // The page's text and shadow roots, read once for all the fields (nothing changes the DOM meanwhile).
  const cache = newLookupCache();
  for (const site of sites) {
    if (!matchesAny(site.match, [here, top])) continue;
    for (const field of site.fields) {
      if (!out.fields.includes(field.id)) out.fields.push(field.id);
      if (out.values[field.id] || !frameMatches(field.frame, win)) continue;
      let el: Element | null = null;
      try {
        el = resolveLocator(doc, field, cache);
      } catch {
        continue; // a bad selector reads nothing; check.ts cannot parse CSS, the page can
      }
      const value = el ? readValue(el) : '';
      if (value) out.values[field.id] = value;
    }
    for (const rule of site.suggest ?? []) {
      if (!rule.selector && !rule.url) continue;
      if (rule.selector && !exists(doc, rule.selector)) continue;
      if (rule.url && !matchesUrl(rule.url, here) && !(top && matchesUrl(rule.url, top))) continue;
      if (!out.suggest.includes(rule.procedure)) out.suggest.push(rule.procedure);
    }
  }
  return out;
}
