// @vitest-environment happy-dom
/** Where guarded controls and checked fields are: matching a click's path, rings, values read for rules. */
import { afterEach, describe, expect, it } from 'vitest';
import { controlOnPath, fieldValue, findControls, isControl, mayHold, shadowRootsUnder } from './guard-find';

const html = (markup: string) => document.body.replaceChildren(document.createRange().createContextualFragment(markup));
const $ = (sel: string) => document.querySelector(sel)!;
afterEach(() => document.body.replaceChildren());

describe('isControl and controlOnPath', () => {
  it('matches a selector, or a clickable by its own text, ignoring case, spaces, colons and stars', () => {
    html('<button id="b"> 变更 套餐： </button><a href="#" id="a">Reset*</a><span id="s">Reset</span><input id="i" type="submit" value="保存">');
    expect(isControl($('#b'), { labelText: '变更 套餐' })).toBe(true);
    expect(isControl($('#a'), { labelText: 'reset' })).toBe(true);
    expect(isControl($('#s'), { labelText: 'Reset' })).toBe(false); // not something an agent clicks
    expect(isControl($('#i'), { labelText: '保存' })).toBe(true);
    expect(isControl($('#s'), { selector: '#s' })).toBe(true);
    expect(isControl($('#s'), { selector: '[[bad' })).toBe(false); // an unparsable selector guards nothing
  });
  it('finds the innermost control on a click’s path', () => {
    html('<button id="outer"><span id="icon">x</span></button>');
    expect(controlOnPath([$('#icon'), $('#outer'), document.body, document], { selector: 'button' })).toBe($('#outer'));
    expect(controlOnPath([document.body, document], { selector: 'button' })).toBeNull();
  });
});

describe('findControls', () => {
  it('rings buttons by text but not links (a 10,000-row page’s links are never read), up to a maximum', () => {
    html('<a href="#">Delete</a><button>Delete</button><button> delete </button><button>Keep</button>');
    expect(findControls([document], [{ labelText: 'Delete' }])).toHaveLength(2);
    expect(findControls([document], [{ labelText: 'Delete' }], 1)).toHaveLength(1);
    expect(findControls([document], [{ selector: 'a' }])).toHaveLength(1);
    expect(findControls([document], [{ selector: '[[bad' }])).toEqual([]);
  });
  it('finds several guards’ controls in one pass, each once; a bad selector spoils none of the others', () => {
    html('<a href="#" class="plan">Plan</a><button class="plan">Delete</button><button>Delete</button><button>Keep</button>');
    const found = findControls([document], [{ selector: '.plan' }, { labelText: 'Delete' }, { selector: '[[bad' }]);
    expect(found.map((el) => `${el.tagName} ${el.className} ${el.textContent}`)).toEqual(['A plan Plan', 'BUTTON plan Delete', 'BUTTON  Delete']);
  });
  it('by text: buttons, button-like inputs and role=button elements, each once; never a text input', () => {
    html('<input type="submit" value="Delete"><input type="text" value="Delete"><div role="button">Delete</div><button role="button">Delete</button>');
    expect(findControls([document], [{ labelText: 'Delete' }]).map((el) => el.tagName)).toEqual(['BUTTON', 'INPUT', 'DIV']);
  });
  it('looks in the open shadow roots it is given', () => {
    html('<x-bar id="h"></x-bar>');
    const root = $('#h').attachShadow({ mode: 'open' });
    root.append(Object.assign(document.createElement('button'), { textContent: 'Delete' }));
    expect(findControls([document], [{ labelText: 'Delete' }])).toHaveLength(0);
    expect(findControls([document, root], [{ labelText: 'Delete' }])).toHaveLength(1);
  });
});

describe('shadow roots', () => {
  const nest = () => {
    html('<x-a id="a"></x-a><div id="plain"></div>');
    const a = $('#a').attachShadow({ mode: 'open' });
    const b = document.createElement('x-b');
    a.append(b);
    const inner = b.attachShadow({ mode: 'open' });
    const c = document.createElement('x-c');
    c.attachShadow({ mode: 'closed' }); // never seen
    inner.append(c);
    return [a, inner];
  };
  it('finds open roots nested under a node', () => {
    const roots = nest();
    const out = new Set<ShadowRoot>();
    shadowRootsUnder(document.body, out);
    expect([...out]).toEqual(roots);
  });
  it('finds every open root of the document, a div host in a table cell too, each once', () => {
    const roots = nest();
    document.body.insertAdjacentHTML('beforeend', '<table><tr><td><div id="w"></div></td></tr></table>');
    const cell = $('#w').attachShadow({ mode: 'open' });
    const out = new Set<ShadowRoot>();
    shadowRootsUnder(document, out);
    shadowRootsUnder(document, out);
    expect([...out]).toEqual([...roots, cell]);
  });
});

describe('fieldValue and mayHold', () => {
  it('reads what a rule checks, never a password', () => {
    html(`<input id="t" value="张三"><input id="p" type="password" value="secret"><input id="c" type="checkbox" value="yes">
      <textarea id="n">备注</textarea><select id="s"><option value="">— choose —</option><option value="b">Billing</option></select>
      <select id="s2"><option value="">— choose —</option><option value="b" selected>Billing</option></select><div id="d">text</div>`);
    expect(fieldValue($('#t'))).toBe('张三');
    expect(fieldValue($('#p'))).toBeNull();
    expect(fieldValue($('#c'))).toBe('');
    ($('#c') as HTMLInputElement).checked = true;
    expect(fieldValue($('#c'))).toBe('yes');
    expect(fieldValue($('#n'))).toBe('备注');
    expect(fieldValue($('#s'))).toBe(''); // the placeholder is nothing chosen
    expect(fieldValue($('#s2'))).toBe('Billing');
    expect(fieldValue($('#d'))).toBe('text');
  });
  it('tells whether an added node may hold a control (only then is a redraw worth it)', () => {
    html('<div id="row"><span>1</span></div><div id="bar"><button>Go</button></div>');
    expect(mayHold($('#row'), { labelText: 'Go' })).toBe(false);
    expect(mayHold($('#bar'), { labelText: 'Go' })).toBe(true);
    expect(mayHold($('#row'), { selector: 'span' })).toBe(true);
    expect(mayHold(document.createTextNode('x'), { selector: 'span' })).toBe(false);
  });
});
