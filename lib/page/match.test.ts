// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { BadSelectorError, findByLabel, frameMatches, readValue, resolveLocator } from './match';

/** Test markup is trusted literal text (the lint rule against innerHTML is about pack text). */
const html = (markup: string) => document.body.replaceChildren(document.createRange().createContextualFragment(markup));
const demo = (name: string) => readFileSync(join(__dirname, '../../test/fixtures/crm', name), 'utf8');
const $ = <T extends Element>(sel: string) => document.querySelector<T>(sel)!;

describe('findByLabel on the demo CRM console', () => {
  beforeEach(() => {
    const page = demo('index.html');
    html(page.slice(page.indexOf('<body'), page.indexOf('<script')));
  });

  it('follows <label for> to the field, matching the start of the label text', () => {
    expect(findByLabel(document, '手机号码')).toBe($('#cust-phone'));
    expect(findByLabel(document, 'Mobile')).toBe($('#cust-phone'));
    expect(findByLabel(document, '  客户姓名 ')).toBe($('#cust-name'));
  });

  it('ignores case and extra spaces', () => {
    expect(findByLabel(document, 'ticket   id')).toBe($('#ticket-id'));
  });

  it('returns null for text no label has', () => {
    expect(findByLabel(document, '身份证号')).toBeNull();
    expect(findByLabel(document, '   ')).toBeNull();
  });
});

describe('findByLabel in open shadow roots (newer widgets)', () => {
  const host = (id: string, markup: string, parent: ParentNode = document.body) => {
    const el = document.createElement('crm-field');
    el.id = id;
    parent.append(el);
    const root = el.attachShadow({ mode: 'open' });
    root.append(document.createRange().createContextualFragment(markup));
    return root;
  };

  it('finds a labelled field inside an open shadow root, nested ones too', () => {
    html('<p><label for="x">工单号</label><input id="x"></p>');
    const outer = host('outer', '<label for="cb">回访记录 Callback</label><input id="cb">');
    const inner = host('inner', '<label>证件号码<input id="idno"></label>', outer);
    expect(findByLabel(document, '回访记录')).toBe(outer.getElementById('cb'));
    expect(findByLabel(document, '证件号码')).toBe(inner.querySelector('#idno'));
  });

  it('prefers an exact label in the page itself over one in a shadow root', () => {
    html('<p><label for="x">备注</label><input id="x"></p>');
    host('w', '<label for="y">备注</label><input id="y">');
    expect(findByLabel(document, '备注')).toBe($('#x'));
  });

  it('cannot see into closed shadow roots', () => {
    html('<p></p>');
    const el = document.createElement('crm-secret');
    document.body.append(el);
    el.attachShadow({ mode: 'closed' }).append(document.createRange().createContextualFragment('<label for="s">密码提示</label><input id="s">'));
    expect(findByLabel(document, '密码提示')).toBeNull();
  });
});

describe('findByLabel on table layouts without <label>', () => {
  it('finds the field in the next cell of the row', () => {
    html('<table><tr><td>客户姓名：</td><td><span><input id="a"></span></td><td>电话</td><td><input id="b"></td></tr></table>');
    expect(findByLabel(document, '客户姓名')).toBe($('#a'));
    expect(findByLabel(document, '电话')).toBe($('#b'));
  });

  it('finds the field below a header cell (label-over-field layouts)', () => {
    html('<table><tr><th>账户</th><th>工单号</th></tr><tr><td><input id="acc"></td><td><select id="t"><option>1</option></select></td></tr></table>');
    expect(findByLabel(document, '工单号')).toBe($('#t'));
  });

  it('prefers the cell that is exactly the label over one that merely contains it', () => {
    html('<table><tr><td>备用客户姓名说明</td><td><input id="wrong"></td></tr><tr><td>* 客户姓名</td><td><input id="right"></td></tr></table>');
    expect(findByLabel(document, '客户姓名')).toBe($('#right'));
  });

  it('skips layout cells that hold the whole form, and buttons', () => {
    html(
      '<table><tr><td>客户姓名 <table><tr><td>x</td></tr></table><input id="inner"></td></tr><tr><td>客户姓名</td><td><input type="button" value="查"><textarea id="t"></textarea></td></tr></table>',
    );
    expect(findByLabel(document, '客户姓名')).toBe($('#t'));
  });

  it('follows a label that wraps its field', () => {
    html('<label>备注 <input id="w"></label>');
    expect(findByLabel(document, '备注')).toBe($('#w'));
  });
});

describe('resolveLocator / readValue', () => {
  it('uses the selector when given and reports a malformed one by name', () => {
    html('<input id="x" value="1">');
    expect(resolveLocator(document, { selector: '#x' })).toBe($('#x'));
    expect(resolveLocator(document, { selector: '#nope' })).toBeNull();
    expect(() => resolveLocator(document, { selector: '##' })).toThrow(BadSelectorError);
    expect(() => resolveLocator(document, { selector: '##' })).toThrow(/"##" is not a valid CSS selector/);
  });

  it('reads values the way the agent sees them, and never a password', () => {
    html(`<input id="i" value="  张  三 "><input id="p" type="password" value="123456"><textarea id="t">a
b</textarea><select id="s"><option value="q">咨询</option><option value="c" selected>投诉 Complaint</option></select>
<b id="b">10086-0321</b><input id="c" type="checkbox" value="yes" checked>`);
    expect(readValue($('#i'))).toBe('张 三');
    expect(readValue($('#p'))).toBe('');
    expect(readValue($('#t'))).toBe('a b');
    expect(readValue($('#s'))).toBe('投诉 Complaint');
    expect(readValue($('#b'))).toBe('10086-0321');
    expect(readValue($('#c'))).toBe('yes');
  });
});

describe('frameMatches', () => {
  it('matches part of the frame URL or its exact name', () => {
    expect(frameMatches(undefined, window)).toBe(true);
    expect(frameMatches(window.location.pathname || '/', window)).toBe(true);
    expect(frameMatches('no-such-frame.html', window)).toBe(false);
  });
});
