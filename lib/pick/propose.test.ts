import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import './node-dom'; // linkedom labels get htmlFor
import { pickTarget, proposeAnchor } from './propose';

const page = (body: string) => parseHTML(`<!doctype html><html><body>${body}</body></html>`).document as unknown as Document;

describe('proposeAnchor', () => {
  it('prefers the label an agent reads', () => {
    const doc = page('<label for="ember123">客户姓名：</label><input id="ember123" name="cname" class="css-1x2y3z" value="张三">');
    expect(proposeAnchor(doc, doc.getElementById('ember123')!, 'field')).toEqual({ loc: { labelText: '客户姓名' }, matches: 1 });
  });

  it('reads a legacy label cell', () => {
    const doc = page('<table><tr><td>Phone</td><td><input class="x" value="13800001111"></td></tr></table>');
    expect(proposeAnchor(doc, doc.querySelector('input')!, 'field')).toEqual({ loc: { labelText: 'Phone' }, matches: 1 });
  });

  it('skips an ambiguous label for a unique name, and generated ids and class names altogether', () => {
    const doc = page('<label>Name <input name="first" id="react-4711"></label><label>Name <input name="last"></label>');
    const el = doc.querySelector('[name=last]')!;
    expect(proposeAnchor(doc, el, 'field')).toEqual({ loc: { selector: 'input[name="last"]' }, matches: 1 });
    const only = page('<div class="css-a1b2c3"><input id="react-4711" class="css-9f8e7d"></div>');
    expect(proposeAnchor(only, only.querySelector('input')!, 'field')).toBeNull();
  });

  it('falls back to a stable id or test attribute', () => {
    const doc = page('<input id="mobile"><input data-testid="notes">');
    expect(proposeAnchor(doc, doc.getElementById('mobile')!, 'field')?.loc).toEqual({ selector: '#mobile' });
    expect(proposeAnchor(doc, doc.querySelector('[data-testid]')!, 'field')?.loc).toEqual({ selector: 'input[data-testid="notes"]' });
  });

  it('says how many elements the best it found matches', () => {
    const doc = page('<input name="q"><input name="q">');
    expect(proposeAnchor(doc, doc.querySelectorAll('input')[1]!, 'field')).toEqual({ loc: { selector: 'input[name="q"]' }, matches: 2 });
  });

  it('finds a control by its own text, never by a value with customer data', () => {
    const doc = page('<button><span>Change plan</span></button><button id="call-13800001111">Call 13800001111</button>');
    const target = pickTarget(doc.querySelector('span')!, 'control');
    expect(proposeAnchor(doc, target, 'control')).toEqual({ loc: { labelText: 'Change plan' }, matches: 1 });
    expect(proposeAnchor(doc, doc.querySelectorAll('button')[1]!, 'control')).toBeNull();
  });

  it('finds a field inside an open shadow root', () => {
    const doc = page('<x-field></x-field>');
    const root = doc.querySelector('x-field')!.attachShadow({ mode: 'open' });
    const label = root.appendChild(doc.createElement('label'));
    label.setAttribute('for', 'acct');
    label.textContent = 'Account';
    const input = root.appendChild(doc.createElement('input'));
    input.setAttribute('id', 'acct');
    expect(proposeAnchor(doc, pickTarget(label, 'field'), 'field')).toEqual({ loc: { labelText: 'Account' }, matches: 1 });
  });
});
