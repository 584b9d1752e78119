// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { elementsAround, loosePattern, matchStarts, openShadowRoots } from './text-search';

const html = (markup: string) => document.body.replaceChildren(document.createRange().createContextualFragment(markup));
const demo = (name: string) => readFileSync(join(__dirname, '../../test/fixtures/crm', name), 'utf8');
const norm = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim().toLowerCase();

/** What the label lookup walked before: every label, td and th whose collapsed text holds `want`. */
const walkAll = (want: string) => Array.from(document.querySelectorAll('label, td, th')).filter((el) => norm(el.textContent).includes(want));

describe('loosePattern / matchStarts', () => {
  it('lets a space stand for any whitespace run and ignores case', () => {
    const p = loosePattern('ticket id');
    expect(matchStarts('a Ticket\u00a0\n ID b', p)).toEqual([2]);
    expect(matchStarts('ticketid', p)).toEqual([]);
  });

  it('finds overlapping places, and escapes what regular expressions treat as syntax', () => {
    expect(matchStarts('ababa', loosePattern('aba'))).toEqual([0, 2]);
    expect(matchStarts('x (a.b)* y a-b', loosePattern('(a.b)*'))).toEqual([2]);
    expect(matchStarts('axb', loosePattern('a.b'))).toEqual([]);
  });
});

describe('elementsAround', () => {
  it('finds the cells and labels a walk over all of them finds, in document order, on every demo page', () => {
    const wants = ['手机号码', 'mobile', '客户姓名', '账户', '工单号', 'name', 'ticket id', '备注', 'a', '号'];
    for (const page of ['index.html', 'customer.html', 'widgets.html', 'iframe-form.html', 'gbk.html', 'main.html']) {
      const text = demo(page);
      html(text.slice(text.indexOf('<body'), text.lastIndexOf('</body>')));
      for (const want of wants) expect(elementsAround(document, want, 'label, td, th'), `${page}: ${want}`).toEqual(walkAll(want));
    }
  });

  it('sees text split over several nodes, nested cells (outer first), and skips comments', () => {
    html(
      '<table><tr><td id="outer"><table><tr><td id="inner"><b>手机</b><!-- 号码 -->号码</td></tr></table></td></tr></table>' +
        '<label id="l">Ticket <i>ID</i></label><td-like>ticket id</td-like>',
    );
    expect(elementsAround(document, '手机号码', 'td').map((e) => e.id)).toEqual(['outer', 'inner']);
    expect(elementsAround(document, 'ticket id', 'label, td').map((e) => e.id)).toEqual(['l']);
    expect(elementsAround(document, '身份证', 'td')).toEqual([]);
  });

  it('looks inside a shadow root when given one, not into the light tree around it', () => {
    html('<td>备注</td><div id="host"></div>');
    const root = document.getElementById('host')!.attachShadow({ mode: 'open' });
    root.append(document.createRange().createContextualFragment('<label id="in">备注</label>'));
    expect(elementsAround(root, '备注', 'label, td').map((e) => e.id)).toEqual(['in']);
  });
});

describe('openShadowRoots', () => {
  it('lists open roots depth first, nested ones included, however many cells surround them', () => {
    html('<table><tr><td><span id="a"></span></td></tr></table><x-widget id="b"></x-widget>');
    const a = document.getElementById('a')!.attachShadow({ mode: 'open' });
    a.append(document.createElement('x-inner'));
    const inner = (a.firstChild as Element).attachShadow({ mode: 'open' });
    const b = document.getElementById('b')!.attachShadow({ mode: 'open' });
    document.createElement('p').attachShadow({ mode: 'closed' });
    expect(openShadowRoots(document)).toEqual([a, inner, b]);
  });
});
