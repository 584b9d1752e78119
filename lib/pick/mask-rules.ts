/**
 * What a masked snapshot keeps (issue 12). Anchors need structure and labels; nothing that
 * could be customer data may leave the page. The rule, documented in the README:
 * - Text is kept only where it labels something: `<label>`, buttons, headings, `<th>`,
 *   `<legend>`, `<caption>`, `<summary>`, `<dt>`, and a table cell that the label matcher would
 *   read as a label (short, no field in it, a field in the next cell or the cell below). Even
 *   there, text with an e-mail address or three digits in a row is masked. All other text —
 *   cells, links, values, options, textareas, editable areas — becomes `***`.
 * - Field values are never read. A `value` attribute is masked except on buttons
 *   (`type=button|submit|reset`), whose value is their label.
 * - `title`, `placeholder`, `aria-label`, `alt` and the like are kept unless they hold a digit
 *   or `@`; URLs keep only their path, with personal segments masked; any other attribute
 *   (id, name, class, data-*) is masked when it holds `@`, five digits in a row or non-ASCII.
 * - Scripts, styles and event handlers are dropped; closed shadow roots are not reachable.
 */
import { personalSegment } from '../context/broken-anchors';
import { CONTROL, controlAfter } from '../page/match';
import { MASK } from './snapshot-schema';

/** Elements left out with everything in them. */
export const SKIP = new Set(['script', 'style', 'noscript', 'template', 'link', 'meta', 'head', 'base', 'object', 'embed']);
/** Elements kept, their content not (vector art, media). */
export const LEAF = new Set(['svg', 'math', 'canvas', 'video', 'audio', 'picture', 'iframe', 'frame', 'textarea', 'select']);

const LABELLING = 'label, button, legend, th, h1, h2, h3, h4, h5, h6, caption, summary, dt, [role=button], [role=tab], [role=heading]';
const VALUELIKE = 'textarea, select, option, [contenteditable=""], [contenteditable="true"], input';
const FREE_TEXT = new Set(['title', 'placeholder', 'aria-label', 'aria-description', 'alt', 'label', 'aria-roledescription']);
const URLS = new Set(['href', 'src', 'action', 'formaction', 'poster', 'cite', 'data']);
const DROP = /^(on|style$|srcdoc$|srcset$|nonce$|integrity$|checked$|selected$|aria-valuenow$|aria-valuetext$|aria-valuemin$|aria-valuemax$)/;
const BUTTON_TYPES = new Set(['button', 'submit', 'reset']);

const personalText = (t: string) => /@|\d{3}/.test(t);

/** A table cell the label matcher reads as a field's label (lib/page/match.ts `bestIn`). */
function isLabelCell(cell: Element): boolean {
  if ((cell.textContent ?? '').length > 60 || cell.querySelector(CONTROL)) return false;
  return controlAfter(cell) !== null;
}

/** A text node's text as the snapshot keeps it. */
export function maskText(text: string, parent: Element): string {
  if (parent.closest(VALUELIKE)) return MASK;
  const owner = parent.closest(`${LABELLING}, td`);
  const labels = owner && (owner.localName !== 'td' ? true : isLabelCell(owner));
  if (!labels || personalText(text)) return MASK;
  return text;
}

function maskUrl(value: string): string {
  const path = value.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').replace(/[?#].*$/s, '');
  if (/^[a-z]+:/i.test(path)) return MASK; // javascript:, mailto:, data:, tel:
  return path
    .split('/')
    .map((s) => (personalSegment(s) ? '*' : s))
    .join('/');
}

/** An attribute's value as the snapshot keeps it, or undefined to drop it. */
export function maskAttribute(el: Element, name: string, value: string): string | undefined {
  if (DROP.test(name)) return undefined;
  if (name === 'value') {
    const button = el.localName === 'input' && BUTTON_TYPES.has((el.getAttribute('type') ?? '').toLowerCase());
    return button && !personalText(value) ? value : MASK;
  }
  if (URLS.has(name)) return maskUrl(value);
  if (FREE_TEXT.has(name)) return /[\d@]/.test(value) ? MASK : value;
  return /@|\d{5}|[^\x20-\x7e]/.test(value) ? MASK : value;
}
