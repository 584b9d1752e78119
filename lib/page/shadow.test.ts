// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { deepQuerySelector, openShadowRoots } from './shadow';
import { resolveLocator } from './match';

/** Three nested open shadow roots, the innermost holding #deep; one closed root holding #hidden. */
function build() {
  document.body.replaceChildren();
  const app = document.body.appendChild(document.createElement('div'));
  const l1 = app.attachShadow({ mode: 'open' });
  const rec = l1.appendChild(document.createElement('div'));
  const l2 = rec.attachShadow({ mode: 'open' });
  const group = l2.appendChild(document.createElement('div'));
  const l3 = group.attachShadow({ mode: 'open' });
  const input = l3.appendChild(document.createElement('input'));
  input.id = 'deep';
  const closedHost = document.body.appendChild(document.createElement('div'));
  closedHost.attachShadow({ mode: 'closed' }).appendChild(document.createElement('input')).id = 'hidden';
  return { l1, l2, l3, input };
}

describe('reaching into open shadow roots', () => {
  beforeEach(() => void build());

  it('lists nested open shadow roots, never a closed one', () => {
    expect([...openShadowRoots(document)]).toHaveLength(3);
  });

  it('finds an element three roots deep by selector, and prefers the document itself', () => {
    expect(deepQuerySelector(document, '#deep')?.tagName).toBe('INPUT');
    expect(resolveLocator(document, { selector: '#deep' })?.id).toBe('deep');
    const light = document.body.appendChild(document.createElement('input'));
    light.id = 'deep';
    expect(deepQuerySelector(document, '#deep')).toBe(light);
  });

  it('does not see into a closed shadow root', () => {
    expect(deepQuerySelector(document, '#hidden')).toBeNull();
  });

  it('still throws on a malformed selector', () => {
    expect(() => resolveLocator(document, { selector: '##' })).toThrow(/not a valid CSS selector/);
  });
});
